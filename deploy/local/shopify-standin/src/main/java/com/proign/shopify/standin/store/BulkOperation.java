package com.proign.shopify.standin.store;

import java.nio.file.Path;
import java.time.OffsetDateTime;

/** A bulk query: its state as it runs, and where its JSONL result lies once COMPLETED. */
public final class BulkOperation {

    private final long id;
    private final String query;
    private final OffsetDateTime createdAt;
    private volatile String status = "CREATED";
    private volatile OffsetDateTime completedAt;
    private volatile long objectCount;
    private volatile long rootObjectCount;
    private volatile Long fileSize;
    private volatile String errorCode;
    private volatile Path file;
    private volatile String url;

    public BulkOperation(long id, String query, OffsetDateTime createdAt) {
        this.id = id;
        this.query = query;
        this.createdAt = createdAt;
    }

    public long id() {
        return id;
    }

    public String query() {
        return query;
    }

    public OffsetDateTime createdAt() {
        return createdAt;
    }

    public String status() {
        return status;
    }

    public OffsetDateTime completedAt() {
        return completedAt;
    }

    public long objectCount() {
        return objectCount;
    }

    public long rootObjectCount() {
        return rootObjectCount;
    }

    public Long fileSize() {
        return fileSize;
    }

    public String errorCode() {
        return errorCode;
    }

    public Path file() {
        return file;
    }

    public String url() {
        return url;
    }

    public boolean running() {
        return status.equals("CREATED") || status.equals("RUNNING");
    }

    public void started() {
        status = "RUNNING";
    }

    public void progressed(long objects, long roots) {
        objectCount = objects;
        rootObjectCount = roots;
    }

    public void completed(Path result, long size, String resultUrl, OffsetDateTime at) {
        file = result;
        fileSize = size;
        url = resultUrl;
        completedAt = at;
        status = "COMPLETED";
    }

    public void failed(String code, OffsetDateTime at) {
        errorCode = code;
        completedAt = at;
        status = "FAILED";
    }
}
