package com.proign.shopify.e2e.security;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Requests to the running suite: well-formed ones through Java's client, malformed ones over a bare socket. */
final class Http {

    /** An answer: status, content type, body; {@code closed} when the server closed the connection after it. */
    record Answer(int status, String contentType, String body, Duration took, boolean closed) {
        boolean isProblem() {
            return contentType != null && contentType.startsWith("application/problem+json")
                    && body.contains("\"status\":" + status);
        }

        @Override
        public String toString() {
            return status + " " + contentType + " " + (body.length() > 300 ? body.substring(0, 300) + "…" : body);
        }
    }

    static final AtomicInteger REQUESTS = new AtomicInteger();
    /** HTTP/1.1 as Shopify and the ingress speak it (Java's client would otherwise try an h2c upgrade first). */
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private Http() {
    }

    static Answer send(String method, URI uri, String bearer, String contentType, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        headers.forEach(request::header);
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        return send(request.build());
    }

    /** A body sent in chunks, without Content-Length (as a streaming client does). */
    static Answer sendChunked(String method, URI uri, String bearer, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json");
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        headers.forEach(request::header);
        request.method(method, HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body)));
        return send(request.build());
    }

    private static Answer send(HttpRequest request) {
        REQUESTS.incrementAndGet();
        long started = System.nanoTime();
        try {
            HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
                    response.body(), Duration.ofNanos(System.nanoTime() - started),
                    response.headers().firstValue("Connection").map("close"::equalsIgnoreCase).orElse(false));
        } catch (IOException e) {
            // the server may answer and close before it has read all of a large body
            throw new UncheckedIOException(request.method() + " " + request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Writes {@code head} (the request line and headers, CRLF-separated, without the blank line) and {@code body}
     * as given over a socket, then reads the answer for at most {@code wait}.
     */
    static Answer raw(URI base, String head, byte[] body, Duration wait) {
        REQUESTS.incrementAndGet();
        long started = System.nanoTime();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5_000);
            socket.setSoTimeout((int) wait.toMillis());
            socket.getOutputStream().write((head + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().write(body);
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream read = new ByteArrayOutputStream();
            boolean closed = false;
            byte[] buffer = new byte[8192];
            try {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    read.write(buffer, 0, n);
                    if (complete(read.toString(StandardCharsets.ISO_8859_1))) {
                        // an answer whole: wait briefly whether the server closes the connection after it
                        socket.setSoTimeout(1_000);
                    }
                }
                closed = true;
            } catch (SocketTimeoutException e) {
                closed = false;
            }
            return parse(read.toString(StandardCharsets.UTF_8), Duration.ofNanos(System.nanoTime() - started), closed);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Sends {@code body} in chunks of 64 KiB over a socket after {@code head} (which must say
     * {@code Transfer-Encoding: chunked}) and reads the answer; a server that answers and closes part-way is
     * answered from what it sent.
     */
    static Answer rawChunked(URI base, String head, byte[] body, Duration wait) {
        REQUESTS.incrementAndGet();
        long started = System.nanoTime();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5_000);
            socket.setSoTimeout((int) wait.toMillis());
            var out = socket.getOutputStream();
            try {
                out.write((head + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                for (int at = 0; at < body.length; at += 65_536) {
                    int n = Math.min(65_536, body.length - at);
                    out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    out.write(body, at, n);
                    out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
                }
                out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            } catch (IOException refusedPartWay) {
                // the server answered and stopped reading: its answer is what counts
            }
            ByteArrayOutputStream read = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                InputStream in = socket.getInputStream();
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    read.write(buffer, 0, n);
                    if (complete(read.toString(StandardCharsets.ISO_8859_1))) {
                        break;
                    }
                }
            } catch (IOException closed) {
                // read what arrived before the reset
            }
            return parse(read.toString(StandardCharsets.UTF_8), Duration.ofNanos(System.nanoTime() - started), true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean complete(String answer) {
        int end = answer.indexOf("\r\n\r\n");
        if (end < 0) {
            return false;
        }
        var length = java.util.regex.Pattern.compile("(?im)^content-length:\\s*(\\d+)").matcher(answer.substring(0, end));
        return length.find() && answer.length() - end - 4 >= Integer.parseInt(length.group(1));
    }

    private static Answer parse(String answer, Duration took, boolean closed) {
        if (answer.isEmpty()) {
            return new Answer(0, null, "", took, closed);
        }
        int end = answer.indexOf("\r\n\r\n");
        String head = end < 0 ? answer : answer.substring(0, end);
        String body = end < 0 ? "" : answer.substring(end + 4);
        int status = Integer.parseInt(head.split(" ", 3)[1]);
        var type = java.util.regex.Pattern.compile("(?im)^content-type:\\s*(\\S+)").matcher(head);
        return new Answer(status, type.find() ? type.group(1) : null, body, took, closed);
    }
}
