package org.stockledger.inventory;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.springframework.stereotype.Service;
import org.stockledger.access.AccessService;
import org.stockledger.access.Org;
import org.stockledger.catalog.CatalogService;
import org.stockledger.catalog.Product;
import org.stockledger.catalog.ProductDraft;
import org.stockledger.catalog.ProductUpsert;
import org.stockledger.ledger.Actor;
import org.stockledger.ledger.CommandOutcome;
import org.stockledger.ledger.DailyStock;
import org.stockledger.ledger.LedgerQueries;
import org.stockledger.ledger.LedgerService;
import org.stockledger.ledger.LevelKey;
import org.stockledger.ledger.Movement;
import org.stockledger.ledger.MovementKind;
import org.stockledger.ledger.Refusals;
import org.stockledger.ledger.Room;
import org.stockledger.ledger.StockChange;
import org.stockledger.ledger.StockCommand;
import org.stockledger.ledger.StockTotals;
import org.stockledger.support.DomainException;
import org.stockledger.support.Quantities;
import org.stockledger.support.Texts;

/** The org inventory operations of the v2 dialect, over the catalogue and the ledger. */
@Service
public class InventoryService {

    public static final int PAGE_SIZE_MAX = 1000;
    public static final int LOG_ENTRIES_MAX = 200;
    public static final String REASON_CODE_ADJUSTMENT = "ADJUSTMENT";

    private final AccessService access;
    private final CatalogService catalog;
    private final LedgerService ledger;
    private final LedgerQueries queries;

    public InventoryService(AccessService access, CatalogService catalog, LedgerService ledger, LedgerQueries queries) {
        this.access = access;
        this.catalog = catalog;
        this.ledger = ledger;
        this.queries = queries;
    }

    public Page<ProductStock> listProducts(String orgId, int limit, long offset) {
        if (limit < 1 || limit > PAGE_SIZE_MAX) {
            throw new DomainException(400, "invalid_parameter", "limit must be between 1 and " + PAGE_SIZE_MAX, "limit", Map.of());
        }
        if (offset < 0) {
            throw new DomainException(400, "invalid_parameter", "offset must not be negative", "offset", Map.of());
        }
        List<ProductStock> items = withTotals(orgId, catalog.productsPage(orgId, limit, offset));
        return new Page<>(items, limit, offset, catalog.productCount(orgId));
    }

    /**
     * Hands every product of the org with its stock to {@code pageConsumer}, {@value #PAGE_SIZE_MAX}
     * at a time in p1_id order, each page read as it stands when it is read (no transaction is
     * held open while the caller writes a page out); returns how many products it handed over.
     * Pages follow on by p1_id, so a product added or adjusted meanwhile never appears twice.
     */
    public long forEachProductPage(String orgId, Consumer<List<ProductStock>> pageConsumer) {
        long handedOver = 0;
        String afterP1Id = null;
        while (true) {
            List<Product> products = catalog.productsAfter(orgId, afterP1Id, PAGE_SIZE_MAX);
            if (products.isEmpty()) {
                return handedOver;
            }
            pageConsumer.accept(withTotals(orgId, products));
            handedOver += products.size();
            if (products.size() < PAGE_SIZE_MAX) {
                return handedOver;
            }
            afterP1Id = products.getLast().p1Id();
        }
    }

    private List<ProductStock> withTotals(String orgId, List<Product> products) {
        Map<UUID, StockTotals> totals = queries.totalsOfProducts(orgId, products.stream().map(Product::productId).toList());
        return products.stream()
                .map(product -> new ProductStock(product, totals.get(product.productId())))
                .toList();
    }

    /** Adjusts a product's stock in the org's default bin through the one write path. */
    public AdjustmentResult adjustProduct(String orgId, Actor actor, ProductAdjustment adjustment) {
        Texts.required("reason", adjustment.reason(), 500);
        Texts.optional("shop_id", adjustment.shopId(), 100);
        var deltaOnHand = Quantities.requireValid("delta_on_hand", adjustment.deltaOnHand());
        var deltaIncoming = Quantities.requireValid("delta_incoming", adjustment.deltaIncoming());
        var expectedOnHand = Quantities.requireNonNegative("expected_on_hand", adjustment.expectedOnHand());
        if (Quantities.isZero(deltaOnHand) && Quantities.isZero(deltaIncoming)) {
            throw new DomainException(400, "empty_adjustment",
                    "delta_on_hand or delta_incoming must be a non-zero number", "delta_on_hand", Map.of());
        }
        UUID productId = catalog.requireProductIdByP1Id(orgId, adjustment.p1Id());
        Org org = access.requireOrg(orgId);
        LevelKey level = new LevelKey(productId, org.defaultLocationId(), Room.SALES_FLOOR);
        MovementKind kind = Quantities.isZero(deltaOnHand) ? MovementKind.ADJUSTMENT
                : deltaOnHand.signum() > 0 ? MovementKind.RECEIPT : MovementKind.SHIPMENT;
        StockChange change = StockChange.adjust(level, kind, deltaOnHand, deltaIncoming).withExpectedOnHand(expectedOnHand);
        StockCommand command = StockCommand.of(change, REASON_CODE_ADJUSTMENT, adjustment.reason())
                .withShop(adjustment.shopId())
                .withMetadata(adjustment.metadataJson())
                .withOccurredAt(adjustment.occurredAt());
        CommandOutcome.Applied applied = Refusals.requireApplied(ledger.applyCommand(orgId, actor, command));
        var change0 = applied.changes().getFirst();
        return new AdjustmentResult(change0.movement(), change0.after());
    }

    /** The newest entries of a product's change log over all bins, newest first. */
    public List<Movement> productLog(String orgId, String p1Id, int limit) {
        if (limit < 1 || limit > LOG_ENTRIES_MAX) {
            throw new DomainException(400, "invalid_parameter", "limit must be between 1 and " + LOG_ENTRIES_MAX, "limit", Map.of());
        }
        UUID productId = catalog.requireProductIdByP1Id(orgId, p1Id);
        return queries.recentMovementsOfProduct(orgId, productId, limit);
    }

    public List<DailyStock> productHistory(String orgId, String p1Id, int days) {
        if (days < 1 || days > LedgerQueries.HISTORY_DAYS_MAX) {
            throw new DomainException(400, "invalid_parameter",
                    "days must be between 1 and " + LedgerQueries.HISTORY_DAYS_MAX, "days", Map.of());
        }
        UUID productId = catalog.requireProductIdByP1Id(orgId, p1Id);
        Org org = access.requireOrg(orgId);
        return queries.dailyHistoryOfProduct(orgId, productId, days, org.timeZone());
    }

    public String timeZoneOf(String orgId) {
        return access.requireOrg(orgId).timeZone().getId();
    }

    public Map<UUID, StockTotals> totalsOf(String orgId, List<UUID> productIds) {
        return queries.totalsOfProducts(orgId, productIds);
    }

    /** See {@link CatalogService#addProductsToInventory(String, List, String)}. */
    public List<ProductUpsert> addProductsToInventory(String orgId, List<ProductDraft> drafts, String listField) {
        return catalog.addProductsToInventory(orgId, drafts, listField);
    }
}
