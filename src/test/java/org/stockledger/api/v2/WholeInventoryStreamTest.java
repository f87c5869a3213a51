package org.stockledger.api.v2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.mock.web.MockHttpServletResponse;
import org.stockledger.access.Caller;
import org.stockledger.access.Scope;
import org.stockledger.catalog.Product;
import org.stockledger.inventory.InventoryService;
import org.stockledger.inventory.ProductStock;
import org.stockledger.ledger.Balance;
import org.stockledger.ledger.StockTotals;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * GET /inventory without limit streams the whole inventory. A database that fails must never
 * leave the client a well-formed but shorter list: an empty one would read as every product out
 * of stock. Failing at once, nothing is written (the problem handler answers); failing midway,
 * the JSON is left unclosed.
 */
class WholeInventoryStreamTest {

    private final JsonMapper json = JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();
    private final InventoryService inventory = mock(InventoryService.class);
    private final InventoryController controller = new InventoryController(inventory, json);
    private final Caller caller = new Caller("shop", UUID.randomUUID(), "pos", Set.of(Scope.INVENTORY_READ));

    @Test
    void aDatabaseFailingBeforeTheFirstPageWritesNothing() {
        when(inventory.forEachProductPage(eq("shop"), any())).thenThrow(new CannotGetJdbcConnectionException("database down"));
        MockHttpServletResponse response = new MockHttpServletResponse();

        assertThatThrownBy(() -> controller.listInventory("shop", caller, null, null, response))
                .isInstanceOf(CannotGetJdbcConnectionException.class);
        assertThat(response.getContentAsByteArray()).isEmpty();
        assertThat(response.isCommitted()).isFalse();
    }

    @Test
    void aDatabaseFailingAfterAPageLeavesTheJsonUnclosed() throws Exception {
        when(inventory.forEachProductPage(eq("shop"), any())).thenAnswer(call -> {
            Consumer<List<ProductStock>> pages = call.getArgument(1);
            List<ProductStock> page = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                page.add(stock(Integer.toString(i), i));
            }
            pages.accept(page); // more than the generator buffers: part of it reaches the client
            throw new CannotGetJdbcConnectionException("database gone");
        });
        MockHttpServletResponse response = new MockHttpServletResponse();

        assertThatThrownBy(() -> controller.listInventory("shop", caller, null, null, response))
                .isInstanceOf(CannotGetJdbcConnectionException.class);
        response.getOutputStream().flush();
        String written = response.getContentAsString();
        assertThat(written).startsWith("{\"data\":[{").doesNotContain("pagination").doesNotEndWith("}");
        assertThatThrownBy(() -> json.readTree(written)).isInstanceOf(tools.jackson.core.JacksonException.class);
    }

    @Test
    void aWholeInventoryIsOneListWithItsCount() throws Exception {
        when(inventory.forEachProductPage(eq("shop"), any())).thenAnswer(call -> {
            Consumer<List<ProductStock>> pages = call.getArgument(1);
            pages.accept(List.of(stock("1", 5), stock("2", 7)));
            pages.accept(new ArrayList<>(List.of(stock("3", 0))));
            return 3L;
        });
        MockHttpServletResponse response = new MockHttpServletResponse();

        assertThat(controller.listInventory("shop", caller, null, null, response)).isNull();
        var body = json.readTree(response.getContentAsString());
        assertThat(body.path("data")).hasSize(3);
        assertThat(body.path("data").get(1).path("stockquantity").asInt()).isEqualTo(7);
        assertThat(body.path("pagination").path("total").asLong()).isEqualTo(3);
    }

    private static ProductStock stock(String p1Id, int onHand) {
        UUID productId = UUID.randomUUID();
        Instant now = Instant.parse("2026-06-05T14:00:00Z");
        Product product = new Product("shop", productId, p1Id, null, "Product " + p1Id, null, null, BigDecimal.ONE, null, now, now);
        BigDecimal zero = BigDecimal.ZERO;
        return new ProductStock(product, new StockTotals(productId, new Balance(BigDecimal.valueOf(onHand), zero, zero), 1, now));
    }
}
