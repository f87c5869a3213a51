package org.stockledger.api.v2;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.stockledger.access.Caller;
import org.stockledger.access.Scope;
import org.stockledger.catalog.ProductDraft;
import org.stockledger.catalog.ProductUpsert;
import org.stockledger.inventory.InventoryService;
import org.stockledger.support.DomainException;
import org.stockledger.web.ApiProblem;
import org.stockledger.web.RequiresScope;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Adds catalogue items to the org's inventory, with stock 0. */
@RestController
@RequestMapping("/api/v2/public/orgs/{orgId}/products")
@Tag(name = "Inventory (org, v2)")
public class ProductsController {

    private final InventoryService inventory;
    private final JsonMapper json;

    public ProductsController(InventoryService inventory, JsonMapper json) {
        this.inventory = inventory;
        this.json = json;
    }

    record ProductItem(JsonNode p1Id, String name, String category, BigDecimal price, String sku, String unit) {
    }

    record AddedProduct(Object p1Id, String name, String sku, String category, String unit, BigDecimal price,
            BigDecimal stockquantity, boolean created) {
    }

    record AddedProducts(List<AddedProduct> data) {
    }

    @PostMapping("/add-to-inventory")
    @RequiresScope(Scope.INVENTORY_WRITE)
    @Operation(summary = "Add catalogue items to the inventory",
            description = "Body: one item, a JSON array of items, or {\"items\": [...]} (at most 500). Each item has p1_id "
                    + "(string or number) and name (required for a new product), optional category, price, sku, unit. "
                    + "Idempotent on p1_id: an existing product keeps its stock and takes the catalogue fields sent. New "
                    + "products start with stock 0; fill them with POST /inventory/adjust. 201 when any product was "
                    + "created, else 200.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
                    content = @Content(examples = @ExampleObject(value = V2Examples.ADD_TO_INVENTORY_REQUEST))),
            responses = @ApiResponse(responseCode = "201", content = @Content(examples = @ExampleObject(value = V2Examples.ADD_TO_INVENTORY_RESPONSE))))
    public ResponseEntity<AddedProducts> addToInventory(@PathVariable String orgId, Caller caller, @RequestBody JsonNode body) {
        List<ProductDraft> drafts = new ArrayList<>();
        boolean lone = body.isObject() && !body.has("items");
        if (lone) {
            drafts.add(draft(body, null));
        } else {
            JsonNode items = items(body);
            for (int index = 0; index < items.size(); index++) {
                drafts.add(draft(items.get(index), "items[" + index + "]"));
            }
        }
        List<ProductUpsert> results = inventory.addProductsToInventory(caller.orgId(), drafts, lone ? null : "items");
        var totals = inventory.totalsOf(caller.orgId(), results.stream().map(result -> result.product().productId()).toList());
        List<AddedProduct> data = results.stream().map(result -> new AddedProduct(
                ExternalIds.render(result.product().p1Id()), result.product().name(), result.product().sku(),
                result.product().category(), result.product().unit(), result.product().price(),
                totals.get(result.product().productId()).balance().onHand(), result.created())).toList();
        boolean anyCreated = results.stream().anyMatch(ProductUpsert::created);
        return ResponseEntity.status(anyCreated ? 201 : 200).body(new AddedProducts(data));
    }

    /**
     * One item as a draft. A field of the wrong JSON type is refused by the mapper's coercion rules,
     * as in a typed request body (a price of "8.99" is not a number). {@code itemPath} names an item
     * of a list ({@code items[1]}), so that a problem names {@code items[1].price}; null for a lone item.
     */
    private ProductDraft draft(JsonNode item, String itemPath) {
        if (!item.isObject()) {
            throw DomainException.invalidField(itemPath != null ? itemPath : "body", "an item must be a JSON object");
        }
        ProductItem parsed;
        try {
            parsed = json.treeToValue(item, ProductItem.class);
        } catch (DatabindException wrongType) {
            throw ApiProblem.unreadableValue(itemPath, wrongType);
        }
        return new ProductDraft(ExternalIds.parse(fieldOf(itemPath, "p1_id"), parsed.p1Id()), parsed.sku(), parsed.name(),
                parsed.category(), parsed.unit(), parsed.price());
    }

    private static String fieldOf(String itemPath, String name) {
        return itemPath != null ? itemPath + "." + name : name;
    }

    private static JsonNode items(JsonNode body) {
        if (body.isArray()) {
            return body;
        }
        if (body.isObject()) {
            JsonNode items = body.get("items");
            if (!items.isArray()) {
                throw DomainException.invalidField("items", "items must be a JSON array");
            }
            return items;
        }
        throw DomainException.invalidField("body", "the body must be an item, an array of items or {\"items\": [...]}");
    }
}
