package com.proign.shopify.gateway.rest;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * What every request meets before the REST layer, so that no refusal is a bare status: a declared body larger than
 * the service takes is refused at once (413, before Vert.x's own limit answers without a body); a chunked body is
 * read here, on the event loop, and refused the same way as soon as it passes the limit (the REST layer then takes
 * the body read); and a body that has not arrived whole within {@code proign.http.body-timeout} is refused (408) and
 * its connection closed, so a client that sends less than it declared holds nothing for long. All as problem+json,
 * each logged in one line.
 */
@ApplicationScoped
public class RequestGuard {

    private static final Logger LOG = Logger.getLogger(RequestGuard.class);
    /** Before Quarkus' own body limit (its route has order -2). */
    static final int ORDER = -3;

    private final long maxBodyBytes;
    private final Duration bodyTimeout;
    private final BodyHandler chunked;

    public RequestGuard(@ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10M") MemorySize maxBody,
            @ConfigProperty(name = "proign.http.body-timeout", defaultValue = "5s") Duration bodyTimeout) {
        this.maxBodyBytes = maxBody.asLongValue();
        this.bodyTimeout = bodyTimeout;
        this.chunked = BodyHandler.create(false).setBodyLimit(maxBodyBytes);
    }

    void install(@Observes Router router, Vertx vertx) {
        router.route().order(ORDER).handler(context -> guard(context, vertx)).failureHandler(this::failed);
    }

    /** The chunked body's reader stopped at the limit (413); anything else is for Quarkus' own failure handling. */
    private void failed(RoutingContext context) {
        if (context.response().ended()) {
            return;
        }
        if (context.statusCode() == 413) {
            refuse(context, 413, "Payload too large", "bodies above " + maxBodyBytes + " bytes are refused");
        } else {
            context.next();
        }
    }

    private void guard(RoutingContext context, Vertx vertx) {
        HttpServerRequest request = context.request();
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        long declared = -1;
        if (length != null) {
            try {
                declared = Long.parseLong(length.strip());
            } catch (NumberFormatException e) {
                refuse(context, 400, "Bad Content-Length", "Content-Length must be a number of bytes");
                return;
            }
            if (declared > maxBodyBytes) {
                refuse(context, 413, "Payload too large", "bodies above " + maxBodyBytes + " bytes are refused");
                return;
            }
        }
        boolean bodyExpected = declared > 0 || (declared < 0 && request.headers().contains(HttpHeaders.TRANSFER_ENCODING));
        if (bodyExpected && !request.isEnded()) {
            long timer = vertx.setTimer(bodyTimeout.toMillis(), id -> {
                if (!request.isEnded() && !context.response().headWritten()) {
                    refuse(context, 408, "Request timeout",
                            "the body did not arrive whole within " + bodyTimeout.toSeconds() + " s");
                }
            });
            context.addEndHandler(done -> vertx.cancelTimer(timer));
        }
        if (declared < 0 && bodyExpected) {
            chunked.handle(context);
            return;
        }
        context.next();
    }

    private static void refuse(RoutingContext context, int status, String title, String detail) {
        HttpServerRequest request = context.request();
        LOG.infof("refused %s %s: %d %s (remote %s)", request.method(), request.path(), status, title,
                request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress());
        String body = new JsonObject().put("status", status).put("title", title).put("detail", detail)
                .put("instance", request.path()).encode();
        context.response().setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/problem+json")
                // what remains of the body is never read: the connection cannot carry another request
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(body)
                .onComplete(sent -> request.connection().close());
    }
}
