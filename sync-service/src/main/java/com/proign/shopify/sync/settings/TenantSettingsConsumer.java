package com.proign.shopify.sync.settings;

import java.time.OffsetDateTime;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.proign.shopify.sync.job.JobKind;
import com.proign.shopify.sync.job.SyncJobRepository;
import com.proign.shopify.sync.log.SyncLog;
import com.proign.shopify.sync.messaging.Outages;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Follows integration.settings (compacted, keyed by tenant); a record older than the version held is ignored. A
 * store newly connected gets its catalogue pulled (a product job), in the same transaction.
 */
@ApplicationScoped
public class TenantSettingsConsumer {

    private final ObjectMapper json;
    private final SyncLog syncLog;
    private final TenantSettingsRepository settingsRepository;
    private final SyncJobRepository jobs;

    public TenantSettingsConsumer(ObjectMapper json, SyncLog syncLog, TenantSettingsRepository settingsRepository,
            SyncJobRepository jobs) {
        this.json = json;
        this.syncLog = syncLog;
        this.settingsRepository = settingsRepository;
        this.jobs = jobs;
    }

    @Incoming("integration-settings")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        TenantState state;
        try {
            state = TenantState.read(json, record.value());
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().failure(e);
        }
        String tenant = state.tenant();
        long version = state.version();
        java.util.concurrent.atomic.AtomicReference<News> webhookNews = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicReference<java.util.List<News>> featureNews =
                new java.util.concurrent.atomic.AtomicReference<>(java.util.List.of());
        return Outages.waitOut("tenant state " + tenant + " v" + version,
                e -> e instanceof IllegalArgumentException || Outages.refusedByDatabase(e),
                Panache.withTransaction(() -> settingsRepository.find(tenant).chain(current -> {
            if (current != null && current.settingsVersion >= version) {
                return Uni.createFrom().voidItem();
            }
            String webhooksBefore = current == null ? null : current.webhooksStatus;
            OffsetDateTime restoredBefore = current == null ? null : current.webhooksRestoredAt;
            boolean wasConnected = current != null && "connected".equals(current.connectionStatus);
            String shopBefore = current == null ? null : current.shopDomain;
            TenantSettings settings = current != null ? current : new TenantSettings();
            String featuresBefore = current == null ? null : current.features;
            state.applyTo(settings);
            featureNews.set(featureNews(settings, featuresBefore));
            settings.updatedAt = OffsetDateTime.now();
            webhookNews.set(webhookNews(settings, webhooksBefore, restoredBefore));
            // a store connected (or another store in its place): its catalogue is pulled, for SKUs and inventory items
            boolean connectedNow = "connected".equals(settings.connectionStatus)
                    && (!wasConnected || !java.util.Objects.equals(shopBefore, settings.shopDomain));
            Uni<Void> saved = current != null ? Uni.createFrom().voidItem() : settingsRepository.persist(settings).replaceWithVoid();
            return !connectedNow ? saved : saved.chain(() -> jobs.queueProducts(tenant, JobKind.on_connect)).replaceWithVoid();
        })))
                .call(() -> webhookNews.get() == null ? Uni.createFrom().voidItem()
                        : syncLog.record(tenant, webhookNews.get().level(), SyncLog.Kind.webhooks, webhookNews.get().message(), null))
                .call(() -> io.smallrye.mutiny.Multi.createFrom().iterable(featureNews.get())
                        .onItem().transformToUniAndConcatenate(news -> syncLog.record(tenant, news.level(),
                                SyncLog.Kind.connection, news.message(), null))
                        .collect().last().replaceWithVoid());
    }

    /** A sync log entry to write once the state is saved. */
    private record News(SyncLog.Level level, String message) {
    }

    /** What to tell the tenant of features that turned off or on (never silently). */
    private static java.util.List<News> featureNews(TenantSettings now, String before) {
        java.util.Map<String, TenantSettings.Feature> was = new java.util.HashMap<>();
        TenantSettings.Feature.parse(before).forEach(f -> was.put(f.feature(), f));
        java.util.List<News> news = new java.util.ArrayList<>();
        for (TenantSettings.Feature feature : TenantSettings.Feature.parse(now.features)) {
            TenantSettings.Feature earlier = was.get(feature.feature());
            boolean changed = earlier == null ? !feature.enabled() : earlier.enabled() != feature.enabled();
            if (changed) {
                news.add(feature.enabled()
                        ? new News(SyncLog.Level.info, "on now: " + feature.description() + " (the store's app has its scopes)")
                        : new News(SyncLog.Level.warn, "off: " + feature.description() + ", because " + feature.why()));
            }
        }
        return news;
    }

    /** What to tell the tenant when the webhook health turned bad; null otherwise. */
    private static News webhookNews(TenantSettings now, String statusBefore, OffsetDateTime restoredBefore) {
        // the state is compacted: a later check may already say ok, but restored_at tells it happened
        if (now.webhooksRestoredAt != null && !now.webhooksRestoredAt.equals(restoredBefore)) {
            return new News(SyncLog.Level.warn, "Shopify had removed " + now.webhooksRestoredCount + " webhook subscription(s) of "
                    + now.shopDomain + " (it does so after deliveries keep failing: check that the gateway is reachable); "
                    + "they were created again at " + now.webhooksRestoredAt + ", and the interval sync fetches what was missed");
        }
        if ("failing".equals(now.webhooksStatus) && !"failing".equals(statusBefore)) {
            return new News(SyncLog.Level.error, "the webhook subscriptions of " + now.shopDomain + " could not be checked: "
                    + now.webhooksError);
        }
        return null;
    }
}
