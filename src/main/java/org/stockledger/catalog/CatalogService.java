package org.stockledger.catalog;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.stockledger.catalog.internal.LocationRepository;
import org.stockledger.catalog.internal.ProductRepository;
import org.stockledger.ledger.LevelKey;
import org.stockledger.ledger.LevelNames;
import org.stockledger.support.DomainException;
import org.stockledger.support.Ids;
import org.stockledger.support.Texts;

/** Products and locations of an org. Adding a product never touches stock. */
@Service
public class CatalogService {

    public static final int PRODUCTS_PER_REQUEST_MAX = 500;
    private static final Pattern EXTERNAL_ID = Pattern.compile("[A-Za-z0-9._:\\-]{1,64}");

    private static final int PRODUCT_IDS_CACHED_MAX = 200_000;

    private final ProductRepository products;
    private final LocationRepository locations;
    private final LevelNames levelNames;
    private final Clock clock;
    /** (org, p1_id) to product id: fixed once a product exists (products are never deleted or re-keyed). */
    private final Cache<OrgP1Id, UUID> productIds = Caffeine.newBuilder().maximumSize(PRODUCT_IDS_CACHED_MAX).build();

    private record OrgP1Id(String orgId, String p1Id) {
    }

    public CatalogService(ProductRepository products, LocationRepository locations, LevelNames levelNames, Clock clock) {
        this.products = products;
        this.locations = locations;
        this.levelNames = levelNames;
        this.clock = clock;
    }

    /**
     * Adds catalogue items to the org's inventory with no stock, idempotent on {@code p1_id}:
     * an existing product keeps its id and stock and takes the catalogue fields given.
     */
    @Transactional
    public List<ProductUpsert> addProductsToInventory(String orgId, List<ProductDraft> drafts) {
        return addProductsToInventory(orgId, drafts, null);
    }

    /**
     * As {@link #addProductsToInventory(String, List)}, the drafts being the elements of the
     * request's list {@code listField} ({@code items}): a refusal names the element's field
     * ({@code items[2].name}). With {@code listField} null the drafts name their fields alone.
     */
    @Transactional
    public List<ProductUpsert> addProductsToInventory(String orgId, List<ProductDraft> drafts, String listField) {
        if (drafts.isEmpty()) {
            throw DomainException.invalidField("items", "at least one product is required");
        }
        if (drafts.size() > PRODUCTS_PER_REQUEST_MAX) {
            throw DomainException.invalidField("items", "at most " + PRODUCTS_PER_REQUEST_MAX + " products per request");
        }
        Set<String> seen = new HashSet<>();
        for (int index = 0; index < drafts.size(); index++) {
            ProductDraft draft = drafts.get(index);
            String prefix = fieldPrefix(listField, index);
            validate(draft, prefix);
            if (!seen.add(draft.p1Id())) {
                throw DomainException.invalidField(prefix + "p1_id", "p1_id " + draft.p1Id() + " appears twice in one request");
            }
        }
        Map<String, Product> existing = existingProducts(orgId, seen);
        Instant now = clock.instant();
        List<ProductUpsert> results = new ArrayList<>(drafts.size());
        for (int index = 0; index < drafts.size(); index++) {
            ProductDraft draft = drafts.get(index);
            results.add(addProductToInventory(orgId, draft, Optional.ofNullable(existing.get(draft.p1Id())), now,
                    fieldPrefix(listField, index)));
        }
        return results;
    }

    private static String fieldPrefix(String listField, int index) {
        return listField == null ? "" : listField + "[" + index + "].";
    }

    /**
     * The request's existing products by p1_id. Several are locked (and read) in product-id order
     * before any is updated: the ledger takes its share locks of products in that order when it
     * creates levels ({@link LevelKey#ID_ORDER}), so a request updating several products in
     * its own order could otherwise deadlock with it (or with another catalogue request listing
     * the same products in another order). One product needs no order; its update locks it.
     */
    private Map<String, Product> existingProducts(String orgId, Set<String> p1Ids) {
        if (p1Ids.size() == 1) {
            String p1Id = p1Ids.iterator().next();
            return products.findByP1Id(orgId, p1Id).map(product -> Map.of(p1Id, product)).orElse(Map.of());
        }
        Map<String, Product> locked = new HashMap<>();
        products.findIdsByP1Ids(orgId, p1Ids).stream()
                .sorted(LevelKey.ID_ORDER)
                .forEach(productId -> products.lockById(orgId, productId).ifPresent(product -> locked.put(product.p1Id(), product)));
        return locked;
    }

    private ProductUpsert addProductToInventory(String orgId, ProductDraft draft, Optional<Product> existing, Instant now,
            String prefix) {
        if (draft.sku() != null) {
            products.findBySku(orgId, draft.sku())
                    .filter(other -> !other.p1Id().equals(draft.p1Id()))
                    .ifPresent(other -> {
                        throw new DomainException(409, "duplicate_sku",
                                "sku " + draft.sku() + " already belongs to product " + other.p1Id(), prefix + "sku", Map.of());
                    });
        }
        if (existing.isPresent()) {
            Product before = existing.get();
            Product after = new Product(orgId, before.productId(), before.p1Id(),
                    draft.sku() != null ? draft.sku() : before.sku(),
                    draft.name() != null ? draft.name() : before.name(),
                    draft.category() != null ? draft.category() : before.category(),
                    draft.unit() != null ? draft.unit() : before.unit(),
                    draft.price() != null ? draft.price() : before.price(),
                    before.unitCost(), before.createdAt(), now);
            if (sameCatalogFields(before, after)) {
                return new ProductUpsert(before, false);
            }
            products.updateCatalogFields(after);
            if (!after.name().equals(before.name())) {
                levelNames.productRenamed(orgId, after.productId(), after.name());
            }
            return new ProductUpsert(after, false);
        }
        if (draft.name() == null) {
            throw new DomainException(400, "missing_field", "name is required for a new product", prefix + "name", Map.of());
        }
        Product created = new Product(orgId, Ids.newId(), draft.p1Id(), draft.sku(), draft.name(), draft.category(),
                draft.unit() != null ? draft.unit() : "unit", draft.price(), null, now, now);
        products.insertProduct(created);
        return new ProductUpsert(created, true);
    }

    private static boolean sameCatalogFields(Product before, Product after) {
        return java.util.Objects.equals(before.sku(), after.sku())
                && before.name().equals(after.name())
                && java.util.Objects.equals(before.category(), after.category())
                && before.unit().equals(after.unit())
                && (before.price() == null ? after.price() == null
                        : after.price() != null && before.price().compareTo(after.price()) == 0);
    }

    private static void validate(ProductDraft draft, String prefix) {
        Texts.required(prefix + "p1_id", draft.p1Id(), 64);
        if (!EXTERNAL_ID.matcher(draft.p1Id()).matches()) {
            throw DomainException.invalidField(prefix + "p1_id", "p1_id may hold letters, digits and . _ : - (at most 64)");
        }
        Texts.optional(prefix + "name", draft.name(), 300);
        if (draft.name() != null && draft.name().isBlank()) {
            throw DomainException.invalidField(prefix + "name", "name must not be blank");
        }
        Texts.optional(prefix + "sku", draft.sku(), 100);
        Texts.optional(prefix + "category", draft.category(), 200);
        Texts.optional(prefix + "unit", draft.unit(), 32);
        if (draft.price() != null && (draft.price().signum() < 0 || draft.price().scale() > 4
                || draft.price().compareTo(new BigDecimal("1000000000")) > 0)) {
            throw DomainException.invalidField(prefix + "price", "price must be between 0 and 1000000000 with at most 4 decimal places");
        }
    }

    public Optional<Product> findProductByP1Id(String orgId, String p1Id) {
        return products.findByP1Id(orgId, p1Id);
    }

    /** The product with this external id, or a 404 {@code unknown_product}. */
    public Product requireProductByP1Id(String orgId, String p1Id) {
        return products.findByP1Id(orgId, p1Id).orElseThrow(() ->
                DomainException.notFound("unknown_product", "product " + p1Id + " is not in this org's inventory"));
    }

    /**
     * The id of the product with this external id, or a 404 {@code unknown_product}; for the
     * write path and the reads of one product's stock, which need only the id. Known ids are
     * cached (the mapping never changes), so a POS adjustment or a product's change log costs no
     * catalogue query; an unknown one is looked up every time.
     */
    public UUID requireProductIdByP1Id(String orgId, String p1Id) {
        OrgP1Id key = new OrgP1Id(orgId, p1Id);
        UUID cached = productIds.getIfPresent(key);
        if (cached != null) {
            return cached;
        }
        UUID productId = requireProductByP1Id(orgId, p1Id).productId();
        productIds.put(key, productId);
        return productId;
    }

    public Optional<Product> findProduct(String orgId, UUID productId) {
        return products.findById(orgId, productId);
    }

    public Optional<Product> findProductBySku(String orgId, String sku) {
        return products.findBySku(orgId, sku);
    }

    public List<Product> findProducts(String orgId, Collection<UUID> productIds) {
        return products.findByIds(orgId, productIds);
    }

    public List<Product> productsPage(String orgId, int limit, long offset) {
        return products.listPage(orgId, limit, offset);
    }

    /** The next {@code limit} products after {@code afterP1Id} (null: the first ones), in p1_id order. */
    public List<Product> productsAfter(String orgId, String afterP1Id, int limit) {
        return products.listAfter(orgId, afterP1Id, limit);
    }

    public long productCount(String orgId) {
        return products.count(orgId);
    }

    /**
     * Locks a product's row for the caller's transaction and reads it, so read-modify-write
     * updates of its catalogue fields (the weighted-average unit cost of receipts) serialise.
     * Take it before the ledger locks stock levels: no path locks a level and then a product.
     */
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
    public Optional<Product> lockProduct(String orgId, UUID productId) {
        return products.lockById(orgId, productId);
    }

    /** Records a new unit cost (e.g. the moving weighted average after a receipt). */
    @Transactional
    public void updateUnitCost(String orgId, UUID productId, BigDecimal unitCost) {
        products.updateUnitCost(orgId, productId, unitCost, clock.instant());
    }

    @Transactional
    public Location createLocation(String orgId, String code, String name) {
        UUID locationId = Ids.newId();
        Instant now = clock.instant();
        locations.insertLocation(orgId, locationId, code, name, now);
        return locations.findById(orgId, locationId).orElseThrow();
    }

    public Optional<Location> findLocation(String orgId, UUID locationId) {
        return locations.findById(orgId, locationId);
    }

    public List<Location> locations(String orgId) {
        return locations.listLocations(orgId);
    }
}
