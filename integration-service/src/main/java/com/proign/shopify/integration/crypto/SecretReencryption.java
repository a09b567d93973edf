package com.proign.shopify.integration.crypto;

import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.OptimisticLockException;

import org.hibernate.StaleObjectStateException;
import org.jboss.logging.Logger;

import static com.proign.shopify.integration.crypto.SecretCipher.ACCESS_TOKEN;
import static com.proign.shopify.integration.crypto.SecretCipher.WEBHOOK_SECRET;

import com.proign.shopify.integration.repository.ShopConnectionRepository;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * The second half of a key rotation: re-encrypts every stored secret that is not sealed with the active key, one
 * connection per transaction, while the service keeps serving (old keys still decrypt until nothing uses them).
 * Runs shortly after start and then on an interval; the gauge {@code integration.encryption.stale_connections}
 * says how many connections still hold a secret under an old key, and at 0 the old key can leave the keyring.
 * A connection changed meanwhile (optimistic lock) is left for the next pass.
 */
@ApplicationScoped
public class SecretReencryption {

    private static final Logger LOG = Logger.getLogger(SecretReencryption.class);

    /** What one pass did. */
    public record Pass(int reencrypted, int skipped, long remaining) {
    }

    private final ShopConnectionRepository repository;
    private final SecretCipher cipher;
    private final AtomicLong stale = new AtomicLong();

    public SecretReencryption(ShopConnectionRepository repository, SecretCipher cipher, MeterRegistry metrics) {
        this.repository = repository;
        this.cipher = cipher;
        metrics.gauge("integration.encryption.stale_connections", stale);
    }

    @Scheduled(every = "${integration.rotation.reencrypt-interval:PT10M}", delayed = "20s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> scheduled() {
        return run().onFailure().recoverWithItem(e -> {
            LOG.errorf(e, "re-encrypting stored secrets failed; the next pass retries");
            return null;
        }).replaceWithVoid();
    }

    public Uni<Pass> run() {
        String prefix = cipher.activeKeyId() + ":";
        return Panache.withSession(() -> repository.find(STALE, prefix + "%").project(Id.class).list())
                .chain(ids -> Multi.createFrom().iterable(ids)
                        .onItem().transformToUniAndConcatenate(id -> reencrypt(id.id()))
                        .collect().asList())
                .chain(outcomes -> Panache.withSession(() -> repository.count(STALE, prefix + "%")).map(remaining -> {
                    int done = (int) outcomes.stream().filter(Boolean::booleanValue).count();
                    stale.set(remaining);
                    if (done > 0 || remaining > 0) {
                        LOG.infof("re-encrypted the secrets of %d connection(s) with key %s; %d still under older keys",
                                done, cipher.activeKeyId(), remaining);
                    }
                    return new Pass(done, outcomes.size() - done, remaining);
                }));
    }

    private static final String STALE = "(accessTokenCiphertext is not null and accessTokenCiphertext not like ?1)"
            + " or (webhookSecretCiphertext is not null and webhookSecretCiphertext not like ?1)"
            + " or (previousWebhookSecretCiphertext is not null and previousWebhookSecretCiphertext not like ?1)";

    /** A projection: a connection's id. */
    @io.quarkus.runtime.annotations.RegisterForReflection
    public record Id(java.util.UUID id) {
    }

    private Uni<Boolean> reencrypt(java.util.UUID id) {
        return Panache.withTransaction(() -> repository.findById(id).map(connection -> {
            if (connection == null) {
                return false;
            }
            connection.accessTokenCiphertext = cipher.reencrypt(connection.accessTokenCiphertext, connection.tenant, ACCESS_TOKEN);
            connection.webhookSecretCiphertext = cipher.reencrypt(connection.webhookSecretCiphertext, connection.tenant, WEBHOOK_SECRET);
            connection.previousWebhookSecretCiphertext = cipher.reencrypt(connection.previousWebhookSecretCiphertext,
                    connection.tenant, WEBHOOK_SECRET);
            return true;
        })).onFailure(e -> e instanceof OptimisticLockException || e instanceof StaleObjectStateException
                || e instanceof IllegalStateException)
                .recoverWithItem(e -> {
                    LOG.warnf("connection %s not re-encrypted this pass: %s", id, e.getMessage());
                    return false;
                });
    }
}
