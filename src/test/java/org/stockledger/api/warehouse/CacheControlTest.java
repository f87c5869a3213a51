package org.stockledger.api.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class CacheControlTest {

    @ParameterizedTest
    @ValueSource(strings = {"no-cache", "No-Cache", "max-age=0", "max-age=\"0\"", "no-store, no-cache", " max-age = 0 ", "max-age=00",
            "no-cache=\"Set-Cookie\""})
    void asksForAFreshAnswer(String header) {
        assertThat(WarehouseInventoryController.asksForFreshAnswer(header)).isTrue();
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "max-age=60", "no-store", "only-if-cached", "no-cachex", "max-age=0x"})
    void acceptsAKeptAnswer(String header) {
        assertThat(WarehouseInventoryController.asksForFreshAnswer(header)).isFalse();
    }
}
