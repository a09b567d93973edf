package com.proign.shopify.integration.messaging;

import java.net.ConnectException;
import java.net.SocketException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import org.jboss.logging.Logger;

import com.proign.shopify.integration.context.Contexts;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgException;

/**
 * How this service's consumers meet failures: an outage of what they depend on (the database refusing, dropping or
 * timing out connections, restarting or failing over; Kafka not answering; two writers racing) is waited out for as
 * long as it lasts, with back-off capped at 5 s. The record is not acknowledged meanwhile, so no later record of
 * its partition is taken, and the database's health check holds readiness down. Only a record that can never be
 * applied is dead-lettered (docs/decisions.md, Kafka).
 */
public final class Outages {

    private static final Logger LOG = Logger.getLogger(Outages.class);
    private static final Duration FIRST_WAIT = Duration.ofMillis(200);
    private static final Duration LONGEST_WAIT = Duration.ofSeconds(5);
    /** How often a continuing outage is logged again. */
    private static final long LOG_EVERY_NANOS = Duration.ofSeconds(30).toNanos();
    /** Other failures, neither an outage nor known to be permanent, are tried this many times more. */
    private static final int OTHER_ATTEMPTS = 3;

    private Outages() {
    }

    /**
     * Whether the failure is an outage rather than a fault of the work: PostgreSQL's connection, resource, shutdown
     * and conflict states (08, 53, 57P01-03, 40001, 40P01, 55P03, 55000 "not accepting connections", 58), a refused
     * or dropped connection, a timeout, a Kafka error Kafka calls retriable, a lost optimistic-lock race.
     */
    public static boolean isOutage(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PgException pg) {
                String state = pg.getSqlState() == null ? "" : pg.getSqlState();
                return state.startsWith("08") || state.startsWith("53") || state.startsWith("58")
                        || state.equals("57P01") || state.equals("57P02") || state.equals("57P03")
                        || state.equals("40001") || state.equals("40P01") || state.equals("55P03") || state.equals("55000");
            }
            if (t instanceof ConnectException || t instanceof SocketException || t instanceof ClosedChannelException
                    || t instanceof TimeoutException || t instanceof io.smallrye.mutiny.TimeoutException
                    || t instanceof io.vertx.sqlclient.ClosedConnectionException
                    || t instanceof io.netty.channel.ConnectTimeoutException
                    || t instanceof org.apache.kafka.common.errors.RetriableException
                    || t instanceof jakarta.persistence.OptimisticLockException
                    || t instanceof org.hibernate.StaleObjectStateException) {
                return true;
            }
            String message = t.getMessage() == null ? "" : t.getMessage();
            if (t instanceof io.vertx.core.VertxException && (message.contains("Connection is closed")
                    || message.contains("Connection not open") || message.contains("Timeout") || message.contains("Pool closed"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The database refused what the work says, which no retry mends: a constraint, a value out of range or of the
     * wrong kind (SQLSTATE 22xxx, 23xxx, 42xxx).
     */
    public static boolean refusedByDatabase(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PgException pg && pg.getSqlState() != null) {
                String state = pg.getSqlState();
                return state.startsWith("22") || state.startsWith("23") || state.startsWith("42");
            }
        }
        return false;
    }

    /**
     * {@code work} (subscribed on the caller's Vert.x context, and so each retry) retried for as long as it fails
     * with an outage; other failures are retried three times more unless {@code permanent} says they can never
     * succeed. What still fails is the caller's to dead-letter.
     */
    public static <T> Uni<T> waitOut(String what, Predicate<Throwable> permanent, Uni<T> work) {
        return waitOut(Vertx.currentContext(), what, permanent, work);
    }

    /** The same, each (re)try subscribed on {@code context}. */
    public static <T> Uni<T> waitOut(io.vertx.core.Context context, String what, Predicate<Throwable> permanent, Uni<T> work) {
        AtomicLong since = new AtomicLong();
        AtomicLong logged = new AtomicLong();
        return Contexts.onContext(context, work)
                .onFailure(Outages::isOutage).invoke(failure -> {
                    long now = System.nanoTime();
                    if (since.compareAndSet(0, now)) {
                        logged.set(now);
                        LOG.warnf("%s waits: %s (retrying until it is back)", what, failure.toString());
                    } else if (now - logged.get() > LOG_EVERY_NANOS) {
                        logged.set(now);
                        LOG.warnf("%s still waits after %d s: %s", what, Duration.ofNanos(now - since.get()).toSeconds(),
                                failure.toString());
                    }
                })
                .onFailure(Outages::isOutage).retry().withBackOff(FIRST_WAIT, LONGEST_WAIT).withJitter(0.2).atMost(Long.MAX_VALUE)
                .invoke(() -> {
                    long began = since.getAndSet(0);
                    if (began != 0) {
                        LOG.infof("%s went through after waiting %d ms", what, Duration.ofNanos(System.nanoTime() - began).toMillis());
                    }
                })
                .onFailure(failure -> !permanent.test(failure) && !isOutage(failure))
                .retry().withBackOff(FIRST_WAIT, Duration.ofSeconds(2)).withJitter(0.2).atMost(OTHER_ATTEMPTS);
    }
}
