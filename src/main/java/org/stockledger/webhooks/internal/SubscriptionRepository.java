package org.stockledger.webhooks.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.stockledger.webhooks.WebhookSubscription;

/**
 * The webhook_subscriptions table. Every ledger transaction asks for its org's enabled
 * subscriptions; they are kept in memory for {@link #ACTIVE_CACHE_TTL} (as tokens and orgs are),
 * forgotten at once by this instance's own changes (again after they commit), so another
 * instance's new subscription gets events at most that much later. A subscription disabled or
 * deleted on another instance may still get events recorded meanwhile: the dispatcher checks the
 * subscription when it delivers and drops them.
 */
@Repository
public class SubscriptionRepository {

    private static final String COLUMNS = """
            subscription_id, url, event_types, description, enabled, disabled_reason, disabled_at, failing_since,
            created_at, updated_at""";

    /** A subscription with what only the dispatcher and recorder need: its secret. */
    public record StoredSubscription(WebhookSubscription view, String signingSecret) {
    }

    /** What the recorder needs to fan an event out: the enabled subscriptions' ids and type names. */
    public record ActiveSubscription(UUID subscriptionId, List<String> eventTypes) {
    }

    /** How long an org's enabled subscriptions are kept; the access caches keep tokens and orgs as long. */
    public static final Duration ACTIVE_CACHE_TTL = Duration.ofSeconds(5);
    private static final int ACTIVE_CACHE_ORGS_MAX = 10_000;

    private final JdbcClient jdbc;
    private final Cache<String, List<ActiveSubscription>> activeByOrg =
            Caffeine.newBuilder().expireAfterWrite(ACTIVE_CACHE_TTL).maximumSize(ACTIVE_CACHE_ORGS_MAX).build();

    public SubscriptionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    public void insertSubscription(String orgId, UUID subscriptionId, String url, List<String> eventTypes, String description,
            String signingSecret, Instant now) {
        jdbc.sql("""
                insert into webhook_subscriptions (org_id, subscription_id, url, event_types, description, signing_secret,
                    enabled, created_at, updated_at)
                values (:orgId, :subscriptionId, :url, :eventTypes, :description, :secret, true, :now, :now)
                """)
                .param("orgId", orgId)
                .param("subscriptionId", subscriptionId)
                .param("url", url)
                .param("eventTypes", String.join(",", eventTypes))
                .param("description", description)
                .param("secret", signingSecret)
                .param("now", utc(now))
                .update();
        forgetActive(orgId);
    }

    public long countSubscriptions(String orgId) {
        return jdbc.sql("select count(*) from webhook_subscriptions where org_id = :orgId")
                .param("orgId", orgId)
                .query(Long.class)
                .single();
    }

    public List<WebhookSubscription> listSubscriptions(String orgId) {
        return jdbc.sql("select " + COLUMNS + " from webhook_subscriptions where org_id = :orgId order by subscription_id")
                .param("orgId", orgId)
                .query(SubscriptionRepository::toSubscription)
                .list();
    }

    public Optional<StoredSubscription> findSubscription(String orgId, UUID subscriptionId) {
        return jdbc.sql("select " + COLUMNS + ", signing_secret from webhook_subscriptions"
                        + " where org_id = :orgId and subscription_id = :subscriptionId")
                .param("orgId", orgId)
                .param("subscriptionId", subscriptionId)
                .query((rs, row) -> new StoredSubscription(toSubscription(rs, row), rs.getString("signing_secret")))
                .optional();
    }

    /**
     * The enabled subscriptions of an org, on the hot write path: kept (see the class comment), so
     * that a ledger batch does not wait for a round trip that nearly always answers "none".
     */
    public List<ActiveSubscription> activeSubscriptions(String orgId) {
        return activeByOrg.get(orgId, org -> List.copyOf(jdbc.sql(
                        "select subscription_id, event_types from webhook_subscriptions where org_id = :orgId and enabled = true")
                .param("orgId", org)
                .query((rs, row) -> new ActiveSubscription(rs.getObject("subscription_id", UUID.class),
                        splitTypes(rs.getString("event_types"))))
                .list()));
    }

    /** Forgets the org's kept subscriptions now and, in a transaction, again once it ends (a read meanwhile saw the old rows). */
    private void forgetActive(String orgId) {
        activeByOrg.invalidate(orgId);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    activeByOrg.invalidate(orgId);
                }
            });
        }
    }

    public void updateSubscription(String orgId, UUID subscriptionId, String url, List<String> eventTypes, String description,
            boolean enabled, Instant now) {
        jdbc.sql("""
                update webhook_subscriptions
                set url = :url, event_types = :eventTypes, description = :description, enabled = :enabled,
                    disabled_reason = case when :enabled then null else disabled_reason end,
                    disabled_at = case when :enabled then null else disabled_at end,
                    failing_since = case when :enabled then null else failing_since end,
                    updated_at = :now
                where org_id = :orgId and subscription_id = :subscriptionId
                """)
                .param("orgId", orgId)
                .param("subscriptionId", subscriptionId)
                .param("url", url)
                .param("eventTypes", String.join(",", eventTypes))
                .param("description", description)
                .param("enabled", enabled)
                .param("now", utc(now))
                .update();
        forgetActive(orgId);
    }

    public void updateSigningSecret(String orgId, UUID subscriptionId, String signingSecret, Instant now) {
        jdbc.sql("""
                update webhook_subscriptions set signing_secret = :secret, updated_at = :now
                where org_id = :orgId and subscription_id = :subscriptionId
                """)
                .param("orgId", orgId)
                .param("subscriptionId", subscriptionId)
                .param("secret", signingSecret)
                .param("now", utc(now))
                .update();
    }

    public boolean deleteSubscription(String orgId, UUID subscriptionId) {
        boolean deleted = jdbc.sql("delete from webhook_subscriptions where org_id = :orgId and subscription_id = :subscriptionId")
                .param("orgId", orgId)
                .param("subscriptionId", subscriptionId)
                .update() > 0;
        forgetActive(orgId);
        return deleted;
    }

    /** A successful attempt: the endpoint is healthy again. */
    public void markEndpointHealthy(String orgId, UUID subscriptionId) {
        jdbc.sql("""
                update webhook_subscriptions set failing_since = null
                where org_id = :orgId and subscription_id = :subscriptionId and failing_since is not null
                """)
                .param("orgId", orgId)
                .param("subscriptionId", subscriptionId)
                .update();
    }

    /** A failed attempt: starts the failing streak if none runs; returns when the streak started. */
    public Optional<Instant> markEndpointFailing(String orgId, UUID subscriptionId, Instant attemptedAt) {
        jdbc.sql("""
                update webhook_subscriptions set failing_since = :attemptedAt
                where org_id = :orgId and subscription_id = :subscriptionId and failing_since is null
                """)
                .param("orgId", orgId)
                .param("subscriptionId", subscriptionId)
                .param("attemptedAt", utc(attemptedAt))
                .update();
        return jdbc.sql("select failing_since from webhook_subscriptions where org_id = :orgId and subscription_id = :subscriptionId")
                .param("orgId", orgId)
                .param("subscriptionId", subscriptionId)
                .query((rs, row) -> instant(rs, "failing_since"))
                .optional();
    }

    public void disableSubscription(String orgId, UUID subscriptionId, String reason, Instant now) {
        jdbc.sql("""
                update webhook_subscriptions set enabled = false, disabled_reason = :reason, disabled_at = :now, updated_at = :now
                where org_id = :orgId and subscription_id = :subscriptionId
                """)
                .param("orgId", orgId)
                .param("subscriptionId", subscriptionId)
                .param("reason", reason)
                .param("now", utc(now))
                .update();
        forgetActive(orgId);
    }

    static List<String> splitTypes(String joined) {
        return Arrays.stream(joined.split(",")).filter(name -> !name.isEmpty()).toList();
    }

    private static WebhookSubscription toSubscription(ResultSet rs, int row) throws SQLException {
        return new WebhookSubscription(
                rs.getObject("subscription_id", UUID.class),
                rs.getString("url"),
                splitTypes(rs.getString("event_types")),
                rs.getString("description"),
                rs.getBoolean("enabled"),
                rs.getString("disabled_reason"),
                instant(rs, "disabled_at"),
                instant(rs, "failing_since"),
                instant(rs, "created_at"),
                instant(rs, "updated_at"));
    }
}
