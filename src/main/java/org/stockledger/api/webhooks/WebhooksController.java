package org.stockledger.api.webhooks;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.stockledger.access.Caller;
import org.stockledger.access.Scope;
import org.stockledger.web.RequiresScope;
import org.stockledger.webhooks.AttemptPage;
import org.stockledger.webhooks.DeliveryAttempt;
import org.stockledger.webhooks.EventTypes;
import org.stockledger.webhooks.SubscriptionDraft;
import org.stockledger.webhooks.SubscriptionWithSecret;
import org.stockledger.webhooks.WebhookService;
import org.stockledger.webhooks.WebhookSubscription;

/** Webhook subscriptions of an org, their delivery log and replay. */
@RestController
@RequestMapping("/api/v2/public/orgs/{orgId}/webhooks")
@Tag(name = "Webhooks", description = "Subscriptions to events, signed per Standard Webhooks; delivery log and replay")
public class WebhooksController {

    private final WebhookService webhooks;

    public WebhooksController(WebhookService webhooks) {
        this.webhooks = webhooks;
    }

    record Subscription(UUID id, String url, List<String> eventTypes, String description, boolean enabled, String disabledReason,
            Instant disabledAt, Instant failingSince, Instant createdAt, Instant updatedAt,
            @JsonInclude(JsonInclude.Include.NON_NULL) String secret) {

        static Subscription of(WebhookSubscription subscription, String secret) {
            return new Subscription(subscription.subscriptionId(), subscription.url(), subscription.eventTypes(),
                    subscription.description(), subscription.enabled(), subscription.disabledReason(), subscription.disabledAt(),
                    subscription.failingSince(), subscription.createdAt(), subscription.updatedAt(), secret);
        }

        static Subscription of(SubscriptionWithSecret created) {
            return of(created.subscription(), created.signingSecret());
        }
    }

    record SubscriptionList(List<Subscription> data) {
    }

    record CreateRequest(String url, List<String> eventTypes, String description) {
    }

    @Schema(name = "SubscriptionUpdateRequest")
    record UpdateRequest(String url, List<String> eventTypes, String description, Boolean enabled) {
    }

    record Attempt(UUID attemptId, UUID deliveryId, UUID eventId, String eventType, int attemptNumber, Instant attemptedAt,
            Integer statusCode, long latencyMillis, boolean succeeded, String error, String responseExcerpt, String deliveryState) {

        static Attempt of(DeliveryAttempt attempt) {
            return new Attempt(attempt.attemptId(), attempt.deliveryId(), attempt.eventId(), attempt.eventType(), attempt.attemptNumber(),
                    attempt.attemptedAt(), attempt.statusCode(), attempt.latencyMillis(), attempt.succeeded(), attempt.error(),
                    attempt.responseExcerpt(), attempt.deliveryState());
        }
    }

    record AttemptList(List<Attempt> data, UUID nextBefore) {
    }

    record ReplayRequest(String eventId) {
    }

    record ReplayFailedRequest(Instant since) {
    }

    record ReplayResponse(int replayed) {
    }

    record EventType(String name, List<String> aliases) {
    }

    record EventTypeList(List<EventType> data) {
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @RequiresScope(Scope.WEBHOOKS_MANAGE)
    @Operation(summary = "Create a webhook subscription",
            description = "url (https; not a loopback, private or link-local address: 400 private_url / insecure_url), event_types "
                    + "(canonical names or their aliases, or * for all; at most 20) and an optional description. The answer "
                    + "carries the signing secret (whsec_...) once; store it to verify signatures. At most 25 subscriptions per "
                    + "org (409 subscription_limit_reached).",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
                    content = @Content(examples = @ExampleObject(value = WebhookExamples.CREATE_REQUEST))),
            responses = @ApiResponse(responseCode = "201", content = @Content(examples = @ExampleObject(value = WebhookExamples.CREATED_RESPONSE))))
    public Subscription createSubscription(@PathVariable String orgId, Caller caller, @RequestBody CreateRequest request) {
        return Subscription.of(webhooks.createSubscription(caller.orgId(),
                new SubscriptionDraft(request.url(), request.eventTypes(), request.description(), null)));
    }

    @GetMapping
    @RequiresScope(Scope.WEBHOOKS_MANAGE)
    @Operation(summary = "List webhook subscriptions", description = "Every subscription of the org, without secrets.",
            responses = @ApiResponse(responseCode = "200", content = @Content(examples = @ExampleObject(
                    value = "{ \"data\": [" + WebhookExamples.SUBSCRIPTION_RESPONSE + "] }"))))
    public SubscriptionList listSubscriptions(@PathVariable String orgId, Caller caller) {
        return new SubscriptionList(webhooks.listSubscriptions(caller.orgId()).stream().map(s -> Subscription.of(s, null)).toList());
    }

    @GetMapping("/event-types")
    @RequiresScope(Scope.WEBHOOKS_MANAGE)
    @Operation(summary = "Event types", description = "The canonical event type names and the aliases a subscription may use for them.",
            responses = @ApiResponse(responseCode = "200", content = @Content(examples = @ExampleObject(value = WebhookExamples.EVENT_TYPES_RESPONSE))))
    public EventTypeList eventTypes(@PathVariable String orgId, Caller caller) {
        return new EventTypeList(EventTypes.catalogue().entrySet().stream()
                .map(entry -> new EventType(entry.getKey(), entry.getValue()))
                .sorted(java.util.Comparator.comparing(EventType::name))
                .toList());
    }

    @GetMapping("/{subscriptionId}")
    @RequiresScope(Scope.WEBHOOKS_MANAGE)
    @Operation(summary = "Get a webhook subscription",
            description = "disabled_reason says why the service disabled it (an endpoint failing for 5 days); 404 unknown_subscription.",
            responses = @ApiResponse(responseCode = "200", content = @Content(examples = @ExampleObject(value = WebhookExamples.SUBSCRIPTION_RESPONSE))))
    public Subscription getSubscription(@PathVariable String orgId, @PathVariable String subscriptionId, Caller caller) {
        return Subscription.of(webhooks.getSubscription(caller.orgId(), subscriptionId), null);
    }

    @PatchMapping("/{subscriptionId}")
    @RequiresScope(Scope.WEBHOOKS_MANAGE)
    @Operation(summary = "Update a webhook subscription",
            description = "Changes the fields sent (url, event_types, description, enabled). enabled true re-enables a disabled "
                    + "subscription; enabled false disables it and gives up its pending deliveries (replay-failed brings them back).",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
                    content = @Content(examples = @ExampleObject(value = WebhookExamples.UPDATE_REQUEST))),
            responses = @ApiResponse(responseCode = "200", content = @Content(examples = @ExampleObject(value = WebhookExamples.SUBSCRIPTION_RESPONSE))))
    public Subscription updateSubscription(@PathVariable String orgId, @PathVariable String subscriptionId, Caller caller,
            @RequestBody UpdateRequest request) {
        return Subscription.of(webhooks.updateSubscription(caller.orgId(), subscriptionId,
                new SubscriptionDraft(request.url(), request.eventTypes(), request.description(), request.enabled())), null);
    }

    @DeleteMapping("/{subscriptionId}")
    @RequiresScope(Scope.WEBHOOKS_MANAGE)
    @Operation(summary = "Delete a webhook subscription", description = "Deletes it with its pending deliveries and delivery log.",
            responses = @ApiResponse(responseCode = "204"))
    public ResponseEntity<Void> deleteSubscription(@PathVariable String orgId, @PathVariable String subscriptionId, Caller caller) {
        webhooks.deleteSubscription(caller.orgId(), subscriptionId);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{subscriptionId}/rotate-secret")
    @RequiresScope(Scope.WEBHOOKS_MANAGE)
    @Operation(summary = "Rotate the signing secret",
            description = "A new secret, shown once in this answer, signs every attempt from now on; the old one stops at once.",
            responses = @ApiResponse(responseCode = "200", content = @Content(examples = @ExampleObject(value = WebhookExamples.CREATED_RESPONSE))))
    public Subscription rotateSecret(@PathVariable String orgId, @PathVariable String subscriptionId, Caller caller) {
        return Subscription.of(webhooks.rotateSigningSecret(caller.orgId(), subscriptionId));
    }

    @PostMapping("/{subscriptionId}/ping")
    @RequiresScope(Scope.WEBHOOKS_MANAGE)
    @Operation(summary = "Send a test ping",
            description = "Sends a signed event of type ping to the endpoint now and answers with the attempt: status_code, "
                    + "latency_millis, response_excerpt. A failed ping is retried like any delivery.",
            responses = @ApiResponse(responseCode = "200", content = @Content(examples = @ExampleObject(value = WebhookExamples.ATTEMPT_RESPONSE))))
    public ResponseEntity<Attempt> ping(@PathVariable String orgId, @PathVariable String subscriptionId, Caller caller) {
        return webhooks.pingSubscription(caller.orgId(), subscriptionId)
                .map(attempt -> ResponseEntity.ok(Attempt.of(attempt)))
                .orElseGet(() -> ResponseEntity.accepted().build());
    }

    @GetMapping("/{subscriptionId}/deliveries")
    @RequiresScope(Scope.WEBHOOKS_MANAGE)
    @Operation(summary = "Delivery log",
            description = "Every attempt of every delivery to this subscription, newest first: attempted_at, status_code (null "
                    + "when no answer came), latency_millis, response_excerpt (first 1000 characters), error, and the delivery's "
                    + "state now (pending, delivered, failed). limit (default 50, at most 200); pass next_before as before for the next page.",
            responses = @ApiResponse(responseCode = "200", content = @Content(examples = @ExampleObject(value = WebhookExamples.LOG_RESPONSE))))
    public AttemptList deliveryLog(@PathVariable String orgId, @PathVariable String subscriptionId, Caller caller,
            @RequestParam(defaultValue = "50") int limit, @RequestParam(required = false) String before) {
        AttemptPage page = webhooks.deliveryLog(caller.orgId(), subscriptionId, limit, before);
        return new AttemptList(page.attempts().stream().map(Attempt::of).toList(), page.nextBefore());
    }

    @PostMapping("/{subscriptionId}/replay")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @RequiresScope(Scope.WEBHOOKS_MANAGE)
    @Operation(summary = "Replay one event",
            description = "Sends the event (event_id, as in the delivery log and the webhook-id header) to this subscription "
                    + "again, with the same webhook-id and a fresh retry budget. 404 unknown_event when it never went to this subscription.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
                    content = @Content(examples = @ExampleObject(value = WebhookExamples.REPLAY_REQUEST))),
            responses = @ApiResponse(responseCode = "202", content = @Content(examples = @ExampleObject(value = "{ \"replayed\": 1 }"))))
    public ReplayResponse replayEvent(@PathVariable String orgId, @PathVariable String subscriptionId, Caller caller,
            @RequestBody ReplayRequest request) {
        return new ReplayResponse(webhooks.replayEvent(caller.orgId(), subscriptionId, request.eventId()));
    }

    @PostMapping("/{subscriptionId}/replay-failed")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @RequiresScope(Scope.WEBHOOKS_MANAGE)
    @Operation(summary = "Replay failed deliveries",
            description = "Sends every delivery of this subscription that failed (retries exhausted, or given up when the "
                    + "subscription was disabled) and was created at or after since again, in their original order.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
                    content = @Content(examples = @ExampleObject(value = WebhookExamples.REPLAY_FAILED_REQUEST))),
            responses = @ApiResponse(responseCode = "202", content = @Content(examples = @ExampleObject(value = WebhookExamples.REPLAY_RESPONSE))))
    public ReplayResponse replayFailed(@PathVariable String orgId, @PathVariable String subscriptionId, Caller caller,
            @RequestBody ReplayFailedRequest request) {
        return new ReplayResponse(webhooks.replayFailedDeliveries(caller.orgId(), subscriptionId, request.since()));
    }
}
