package org.stockledger.api.v1;

/** The example requests and responses of seed 002, shown in the OpenAPI document. */
final class V1Examples {

    private V1Examples() {
    }

    static final String ITEM = """
            {
              "id": "0193f6a2-7c1e-7d3a-9f4e-2b1c0d9e8f7a",
              "product_id": "0193f6a2-6b00-7000-8000-000000000001",
              "product_name": "Blue Dream 1/8",
              "sku": "BD-EIGHTH-001",
              "location_id": "0193f6a2-5a00-7000-8000-000000000002",
              "room_type": "sales_floor",
              "quantity": 45,
              "reserved_quantity": 5,
              "available_quantity": 40,
              "unit_cost": 25.00,
              "unit_price": 45.00,
              "last_sync": "2026-01-27T10:30:00Z"
            }""";

    static final String LIST_RESPONSE = """
            {
              "data": [""" + ITEM + """
              ],
              "pagination": { "page": 1, "limit": 50, "total": 234 }
            }""";

    static final String PATCH_REQUEST = """
            { "quantity_change": -5, "reason_code": "SALE", "notes": "Regular sale transaction" }""";

    static final String BULK_REQUEST = """
            {
              "updates": [
                {"id": "0193f6a2-7c1e-7d3a-9f4e-2b1c0d9e8f7a", "quantity_change": -2, "reason_code": "SALE"},
                {"id": "0193f6a2-7c1e-7d3a-9f4e-2b1c0d9e8f7b", "quantity_change": 10, "reason_code": "TRANSFER"}
              ]
            }""";

    static final String BULK_RESPONSE = """
            { "updated": 2, "data": [""" + ITEM + """
            ] }""";

    static final String BULK_REFUSED = """
            {
              "type": "https://stockledger.org/problems/insufficient-stock",
              "title": "Conflict",
              "status": 409,
              "code": "insufficient_stock",
              "detail": "update 1 (item 0193f6a2-7c1e-7d3a-9f4e-2b1c0d9e8f7b) was refused: stock cannot go below zero: on hand 3, reserved 0, available 3; no update was applied",
              "field": "updates[1]",
              "index": 1,
              "id": "0193f6a2-7c1e-7d3a-9f4e-2b1c0d9e8f7b",
              "reason": "stock cannot go below zero: on hand 3, reserved 0, available 3",
              "applied": 0
            }""";

    static final String TRANSFER_REQUEST = """
            {
              "from_id": "0193f6a2-7c1e-7d3a-9f4e-2b1c0d9e8f7a",
              "to_location_id": "0193f6a2-5a00-7000-8000-000000000002",
              "to_room_type": "vault",
              "quantity": 10,
              "notes": "Overnight to the vault"
            }""";

    static final String SNAPSHOT_RESPONSE = """
            {
              "date": "2026-01-27",
              "time_zone": "UTC",
              "location_id": "0193f6a2-5a00-7000-8000-000000000002",
              "data": [
                {
                  "id": "0193f6a2-7c1e-7d3a-9f4e-2b1c0d9e8f7a",
                  "product_id": "0193f6a2-6b00-7000-8000-000000000001",
                  "product_name": "Blue Dream 1/8",
                  "sku": "BD-EIGHTH-001",
                  "location_id": "0193f6a2-5a00-7000-8000-000000000002",
                  "room_type": "sales_floor",
                  "quantity": 45,
                  "reserved_quantity": 5,
                  "available_quantity": 40,
                  "unit_cost": 25.00,
                  "unit_price": 45.00
                }
              ],
              "pagination": { "page": 1, "limit": 50, "total": 1 }
            }""";

    static final String SETTINGS_REQUEST = """
            { "reorder_point": 10, "max_stock_level": 100 }""";

    static final String SETTINGS_RESPONSE = """
            { "id": "0193f6a2-7c1e-7d3a-9f4e-2b1c0d9e8f7a", "reorder_point": 10, "max_stock_level": 100,
              "effective_reorder_point": 10, "available_quantity": 40, "low_stock": false }""";

    static final String SYNC_REQUEST = """
            { "location_id": "0193f6a2-5a00-7000-8000-000000000002", "sync_type": "full" }""";

    static final String SYNC_JOB = """
            {
              "job_id": "0193f6a2-9000-7000-8000-000000000003",
              "location_id": "0193f6a2-5a00-7000-8000-000000000002",
              "sync_type": "full",
              "status": "succeeded",
              "items_seen": 120,
              "items_changed": 7,
              "unknown_skus": 2,
              "errors": 0,
              "failure_reason": null,
              "created_at": "2026-01-27T10:29:58Z",
              "started_at": "2026-01-27T10:29:58Z",
              "finished_at": "2026-01-27T10:30:00Z"
            }""";

    static final String CONNECTOR_REQUEST = """
            { "type": "http_json", "url": "https://pos.example.com/api/counts", "bearer_token": "secret-token" }""";

    static final String CONNECTOR_RESPONSE = """
            { "location_id": "0193f6a2-5a00-7000-8000-000000000002", "type": "http_json",
              "url": "https://pos.example.com/api/counts", "has_bearer_token": true, "updated_at": "2026-01-27T10:00:00Z" }""";
}
