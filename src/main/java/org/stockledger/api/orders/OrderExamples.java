package org.stockledger.api.orders;

/** The example requests and responses of the orders seed page, shown in the OpenAPI document. */
final class OrderExamples {

    private OrderExamples() {
    }

    static final String LIST_RESPONSE = """
            {
              "data": [
                {
                  "id": "ORD_20260605_abc123",
                  "external_id": "POS-999",
                  "status": "awaiting_packing",
                  "shop_id": "shop1",
                  "customer_name": "Max Mustermann",
                  "total_amount": 42.99,
                  "payment_status": "paid",
                  "created_at": "2026-06-05T10:00:00Z",
                  "updated_at": "2026-06-05T11:00:00Z"
                }
              ],
              "pagination": { "limit": 50, "offset": 0, "total": 705 }
            }""";

    static final String ORDER_RESPONSE = """
            {
              "id": "ORD_20260605_abc123",
              "external_id": "POS-999",
              "status": "awaiting_packing",
              "shop_id": "shop1",
              "customer_name": "Max Mustermann",
              "customer_email": "max@example.com",
              "total_amount": 42.99,
              "payment_status": "paid",
              "payment_reference": "TX-123",
              "shipped": false,
              "picked_up": false,
              "cash_on_pickup": true,
              "shipping_address": {
                "street": "Musterstr. 1",
                "city": "Berlin",
                "postal_code": "10115",
                "phone": "+49123456789"
              },
              "items": [
                { "p1_id": "12345", "name": "Cannabis flos", "quantity": 5, "price": 8.59,
                  "reserved_qty": 5, "short_qty": 0, "fulfilled_qty": 0, "stock_tracked": true }
              ],
              "order_number": null,
              "order_datetime": "2026-06-05T09:58:00Z",
              "shipping_option": "Abholung",
              "fully_reserved": true,
              "created_at": "2026-06-05T10:00:00Z",
              "updated_at": "2026-06-05T11:00:00Z"
            }""";

    static final String UPSERT_REQUEST = """
            {
              "shop_id": "shop1",
              "external_id": "POS-ORDER-123",
              "order_number": "optional-existing-number",
              "order_datetime": "2026-06-05T12:00:00Z",
              "customer_name": "Max Mustermann",
              "customer_email": "max@example.com",
              "address_street": "Musterstr. 1",
              "address_city": "Berlin",
              "address_postal_code": "10115",
              "address_phone": "+49123456789",
              "total_amount": 42.99,
              "payment_status": "paid",
              "payment_reference": "TX-123",
              "shipping_option": "Abholung",
              "shipped": false,
              "picked_up": false,
              "cash_on_pickup": true,
              "items": [
                { "name": "Cannabis flos 27/1", "qty": 5, "price": 8.59, "p1_id": "12345" }
              ]
            }""";

    static final String UPDATE_REQUEST = """
            {
              "customer_email": "max.mustermann@example.com",
              "address_phone": "+49987654321",
              "shipping_option": "DHL"
            }""";

    static final String STATUS_REQUEST = """
            {
              "status": "ready_pickup",
              "payment_status": "paid",
              "shipped": true,
              "picked_up": false
            }""";

    static final String STATUS_RESPONSE = """
            {
              "order_id": "ORD_20260605_abc123",
              "status": "ready_pickup",
              "updated_at": "2026-06-05T12:00:00Z"
            }""";
}
