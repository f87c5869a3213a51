package org.stockledger.api.warehouse;

/** The example requests and responses of seed 003, with Stockledger's UUID ids, shown in the OpenAPI document. */
final class WarehouseExamples {

    private WarehouseExamples() {
    }

    static final String LIST_RESPONSE = """
            {
              "data": [
                {
                  "id": "3f0c9a52-8d1e-3b7a-9c4e-2a6f1d0b7e55",
                  "product": { "id": "0190a1b2-0000-7000-8000-000000000123", "name": "Smart Widget", "sku": "SW-001" },
                  "warehouse": { "id": "0190a1b2-0000-7000-8000-000000000789", "name": "Main Warehouse" },
                  "quantity_on_hand": 150,
                  "quantity_allocated": 5,
                  "quantity_available": 145,
                  "reorder_point": 20,
                  "max_stock_level": 500,
                  "last_counted": "2024-01-15T10:00:00Z"
                }
              ],
              "meta": { "total": 1, "page": 1, "limit": 100, "hasMore": false }
            }""";

    static final String MOVEMENT_REQUEST = """
            {
              "product_id": "0190a1b2-0000-7000-8000-000000000123",
              "warehouse_id": "0190a1b2-0000-7000-8000-000000000789",
              "movement_type": "in",
              "quantity": 50,
              "reference_type": "purchase_order",
              "reference_id": "po_456",
              "notes": "Received from Supplier ABC",
              "cost_per_unit": 25.00
            }""";

    static final String MOVEMENT_RESPONSE = """
            {
              "data": {
                "id": "0190a1b2-1111-7000-8000-000000000789",
                "product_id": "0190a1b2-0000-7000-8000-000000000123",
                "warehouse_id": "0190a1b2-0000-7000-8000-000000000789",
                "movement_type": "in",
                "quantity": 50,
                "balance_after": 200,
                "reference_type": "purchase_order",
                "reference_id": "po_456",
                "notes": "Received from Supplier ABC",
                "cost_per_unit": 25,
                "created_at": "2024-01-15T15:30:00Z"
              }
            }""";

    static final String MOVEMENTS_RESPONSE = """
            {
              "data": [
                {
                  "id": "0190a1b2-1111-7000-8000-000000000789",
                  "product": { "id": "0190a1b2-0000-7000-8000-000000000123", "name": "Smart Widget", "sku": "SW-001" },
                  "warehouse": { "id": "0190a1b2-0000-7000-8000-000000000789", "name": "Main Warehouse" },
                  "movement_type": "in",
                  "quantity": 50,
                  "balance_before": 150,
                  "balance_after": 200,
                  "reference_type": "purchase_order",
                  "reference_id": "po_456",
                  "notes": "Received from Supplier ABC",
                  "created_at": "2024-01-15T15:30:00Z",
                  "created_by": { "id": "0190a1b2-2222-7000-8000-000000000123", "name": "John Doe" }
                }
              ],
              "meta": { "total": 500, "page": 1, "limit": 20, "hasMore": true }
            }""";

    static final String ADJUSTMENTS_REQUEST = """
            {
              "adjustments": [
                {
                  "product_id": "0190a1b2-0000-7000-8000-000000000123",
                  "warehouse_id": "0190a1b2-0000-7000-8000-000000000789",
                  "actual_quantity": 195,
                  "reason": "Physical count adjustment"
                },
                {
                  "product_id": "0190a1b2-0000-7000-8000-000000000124",
                  "warehouse_id": "0190a1b2-0000-7000-8000-000000000789",
                  "actual_quantity": 85,
                  "reason": "Damaged goods removal"
                }
              ]
            }""";

    static final String ADJUSTMENTS_RESPONSE = """
            {
              "data": {
                "adjustments_processed": 2,
                "total_adjustments": 2,
                "adjustments": [
                  {
                    "id": "0190a1b2-3333-7000-8000-000000000001",
                    "index": 0,
                    "product_id": "0190a1b2-0000-7000-8000-000000000123",
                    "warehouse_id": "0190a1b2-0000-7000-8000-000000000789",
                    "quantity_before": 200,
                    "quantity_after": 195,
                    "adjustment": -5,
                    "reason": "Physical count adjustment",
                    "created_at": "2024-01-15T16:00:00Z"
                  },
                  {
                    "id": null,
                    "index": 1,
                    "product_id": "0190a1b2-0000-7000-8000-000000000124",
                    "warehouse_id": "0190a1b2-0000-7000-8000-000000000789",
                    "quantity_before": 85,
                    "quantity_after": 85,
                    "adjustment": 0,
                    "reason": "Damaged goods removal",
                    "created_at": "2024-01-15T16:00:00Z"
                  }
                ],
                "failures": []
              }
            }""";

    static final String ANALYTICS_RESPONSE = """
            {
              "data": {
                "period": "30d",
                "overview": { "total_products": 1250, "total_stock_value": 125000.00, "low_stock_items": 25, "out_of_stock_items": 12 },
                "trends": { "stock_in": 5000, "stock_out": 4500, "adjustments": 50, "adjustments_net": -20 },
                "top_movers": [
                  { "product_id": "0190a1b2-0000-7000-8000-000000000123", "product_name": "Smart Widget", "movement_count": 45, "total_quantity": 2250 }
                ],
                "low_stock_alerts": [
                  { "product_id": "0190a1b2-0000-7000-8000-000000000456", "product_name": "Basic Widget", "current_stock": 15,
                    "reorder_point": 20, "warehouse": "Main Warehouse", "warehouse_id": "0190a1b2-0000-7000-8000-000000000789" }
                ]
              }
            }""";
}
