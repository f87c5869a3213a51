package org.stockledger.api.webhooks;

/** Example requests and responses of the webhook API, shown in the OpenAPI document. */
final class WebhookExamples {

    private WebhookExamples() {
    }

    static final String CREATE_REQUEST = """
            {
              "url": "https://pos.example.com/hooks/stockledger",
              "event_types": ["inventory.updated", "low_stock", "out_of_stock"],
              "description": "POS alerts"
            }""";

    static final String CREATED_RESPONSE = """
            {
              "id": "0193f6a2-7c1e-7d3a-9f4e-2b1c0d9e8f7a",
              "url": "https://pos.example.com/hooks/stockledger",
              "event_types": ["inventory.updated", "low_stock", "out_of_stock"],
              "description": "POS alerts",
              "enabled": true,
              "disabled_reason": null,
              "disabled_at": null,
              "failing_since": null,
              "created_at": "2026-06-05T14:00:00Z",
              "updated_at": "2026-06-05T14:00:00Z",
              "secret": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw1N2pCsAf0Ik="
            }""";

    static final String SUBSCRIPTION_RESPONSE = """
            {
              "id": "0193f6a2-7c1e-7d3a-9f4e-2b1c0d9e8f7a",
              "url": "https://pos.example.com/hooks/stockledger",
              "event_types": ["inventory.updated", "low_stock", "out_of_stock"],
              "description": "POS alerts",
              "enabled": true,
              "disabled_reason": null,
              "disabled_at": null,
              "failing_since": null,
              "created_at": "2026-06-05T14:00:00Z",
              "updated_at": "2026-06-05T14:00:00Z"
            }""";

    static final String UPDATE_REQUEST = """
            { "event_types": ["inventory.low_stock", "inventory.sync.completed"], "enabled": true }""";

    static final String ATTEMPT_RESPONSE = """
            {
              "attempt_id": "0193f6a2-9b2d-7e11-8a6c-5d4e3f2a1b0c",
              "delivery_id": "0193f6a2-8a1c-7f00-9b5d-4c3b2a190807",
              "event_id": "0193f6a2-8a1b-7aaa-8123-0f9e8d7c6b5a",
              "event_type": "ping",
              "attempt_number": 1,
              "attempted_at": "2026-06-05T14:00:00Z",
              "status_code": 200,
              "latency_millis": 84,
              "succeeded": true,
              "error": null,
              "response_excerpt": "ok",
              "delivery_state": "delivered"
            }""";

    static final String LOG_RESPONSE = """
            {
              "data": [
                {
                  "attempt_id": "0193f6a2-9b2d-7e11-8a6c-5d4e3f2a1b0c",
                  "delivery_id": "0193f6a2-8a1c-7f00-9b5d-4c3b2a190807",
                  "event_id": "0193f6a2-8a1b-7aaa-8123-0f9e8d7c6b5a",
                  "event_type": "low_stock",
                  "attempt_number": 2,
                  "attempted_at": "2026-06-05T14:00:05Z",
                  "status_code": 500,
                  "latency_millis": 131,
                  "succeeded": false,
                  "error": "HTTP 500",
                  "response_excerpt": "internal error",
                  "delivery_state": "pending"
                }
              ],
              "next_before": "0193f6a2-9b2d-7e11-8a6c-5d4e3f2a1b0c"
            }""";

    static final String REPLAY_REQUEST = """
            { "event_id": "0193f6a2-8a1b-7aaa-8123-0f9e8d7c6b5a" }""";

    static final String REPLAY_FAILED_REQUEST = """
            { "since": "2026-06-04T00:00:00Z" }""";

    static final String REPLAY_RESPONSE = """
            { "replayed": 3 }""";

    static final String EVENT_TYPES_RESPONSE = """
            {
              "data": [
                { "name": "inventory.updated", "aliases": [] },
                { "name": "low_stock", "aliases": ["inventory.low_stock"] },
                { "name": "out_of_stock", "aliases": ["inventory.out_of_stock"] },
                { "name": "back_in_stock", "aliases": ["inventory.back_in_stock"] },
                { "name": "order_status_updated", "aliases": ["order.status_updated"] },
                { "name": "inventory.sync.completed", "aliases": [] }
              ]
            }""";
}
