package org.stockledger.api.v2;

/** The example requests and responses of the seed pages, shown in the OpenAPI document. */
final class V2Examples {

    private V2Examples() {
    }

    static final String LIST_RESPONSE = """
            {
              "data": [
                {
                  "p1_id": 12345,
                  "name": "Example Strain",
                  "stockquantity": 50,
                  "price": 8.99,
                  "category": "Blüten",
                  "log_entries": 12,
                  "last_activity": "2026-06-05T14:00:00Z",
                  "reserved": 0,
                  "available": 50,
                  "incoming": 0
                }
              ],
              "pagination": { "limit": 500, "offset": 0, "total": 1 }
            }""";

    static final String ADJUST_REQUEST = """
            {
              "p1_id": "12345",
              "delta_on_hand": -2,
              "delta_incoming": 0,
              "reason": "POS sale",
              "shop_id": "shop1",
              "metadata": { "pos_ref": "TX-999" }
            }""";

    static final String ADJUST_RESPONSE = """
            { "status": "ok", "id": "0193f6a2-7c1e-7d3a-9f4e-2b1c0d9e8f7a" }""";

    static final String LOG_RESPONSE = """
            {
              "data": [
                {
                  "id": "0193f6a2-7c1e-7d3a-9f4e-2b1c0d9e8f7a",
                  "p1_id": 12345,
                  "shop_id": "shop1",
                  "delta_on_hand": -2,
                  "delta_incoming": 0,
                  "reason": "POS sale",
                  "created_at": "2026-06-05T14:00:00Z"
                }
              ]
            }""";

    static final String HISTORY_RESPONSE = """
            {
              "p1_id": 12345,
              "days": 2,
              "time_zone": "UTC",
              "data": [
                { "date": "2026-06-04", "delta_on_hand": 0, "stock_in": 0, "stock_out": 0, "delta_incoming": 0,
                  "entries": 0, "closing_on_hand": 52, "closing_incoming": 0 },
                { "date": "2026-06-05", "delta_on_hand": -2, "stock_in": 0, "stock_out": 2, "delta_incoming": 0,
                  "entries": 1, "closing_on_hand": 50, "closing_incoming": 0 }
              ]
            }""";

    static final String ADD_TO_INVENTORY_REQUEST = """
            { "p1_id": "12345", "name": "Example Strain", "category": "Blüten", "price": 8.99, "sku": "EX-1", "unit": "g" }""";

    static final String ADD_TO_INVENTORY_RESPONSE = """
            {
              "data": [
                { "p1_id": 12345, "name": "Example Strain", "sku": "EX-1", "category": "Blüten", "unit": "g",
                  "price": 8.99, "stockquantity": 0, "created": true }
              ]
            }""";
}
