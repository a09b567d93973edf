package com.proign.shopify.sync.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * This service's configuration ({@code sync.*}, application.properties says what each is for in operations).
 * The intervals of the scheduled passes are here too, so they are checked at start-up, though {@code @Scheduled}
 * reads them by name. The service's own identity is {@link IdentityConfig}.
 */
@ConfigMapping(prefix = "sync")
public interface SyncConfig {

    Jobs jobs();

    Reconcile reconcile();

    Inventory inventory();

    Shopify shopify();

    Kafka kafka();

    Fulfillment fulfillment();

    DeadLetters deadLetters();

    /** History and product pulls (the job runner). */
    interface Jobs {
        /** How often queued jobs (and jobs whose runner let its lease lapse) are taken up. */
        @WithDefault("2s")
        Duration pollInterval();

        /** How long a runner holds a job without a checkpoint before another instance may take it up. */
        @WithDefault("PT30S")
        Duration lease();

        /** Jobs one instance runs at a time. */
        @WithDefault("4")
        int maxConcurrent();

        /** Ranges longer than this many days are pulled through a bulk operation instead of pages. */
        @WithDefault("31")
        long bulkAboveDays();

        /** Orders of a bulk export published to Kafka at once (the stream is paused meanwhile). */
        @WithDefault("100")
        int bulkPublishGroup();

        /** A bulk export's checkpoint is saved every this many orders. */
        @WithDefault("1000")
        long bulkCheckpointEvery();
    }

    /** The interval pass that catches what webhooks missed. */
    interface Reconcile {
        /** How often due tenants are looked for: a duration, or {@code off} (the module's tests call the pass themselves). */
        @WithDefault("60s")
        String tick();

        /** How far before the watermark each pass starts again (clock skew, updates committed late). */
        @WithDefault("PT5M")
        Duration overlap();

        /** How far back a tenant's first pass looks. */
        @WithDefault("P1D")
        Duration initialLookback();

        @WithDefault("PT10M")
        Duration lease();
    }

    interface Inventory {
        @WithDefault("1s")
        Duration pushInterval();

        /** Quantities per inventorySetQuantities request. */
        @WithDefault("100")
        int batch();
    }

    interface Shopify {
        /** The Admin API's base URL; unset: https://{shop} (locally: the stand-in). */
        Optional<String> adminBaseUrl();

        @WithDefault("10s")
        Duration timeout();
    }

    interface Kafka {
        /** This instance's static group membership id (its pod name); unset: dynamic membership. */
        Optional<String> instanceId();

        @WithDefault("6s")
        Duration sessionTimeout();
    }

    interface Fulfillment {
        /** How often failed fulfilments are retried. */
        @WithDefault("60s")
        Duration retryInterval();
    }

    interface DeadLetters {
        /** How long dead letters are listed: as long as sync-service.dlq keeps its records (deploy/kafka-topics.txt). */
        @WithDefault("P30D")
        Duration retention();
    }
}
