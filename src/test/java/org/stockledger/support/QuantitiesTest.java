package org.stockledger.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class QuantitiesTest {

    @Test
    void eachRefusalStatesTheRangeItsRuleReallyAllows() {
        BigDecimal tooLarge = new BigDecimal("1e400");
        assertThatThrownBy(() -> Quantities.requireValid("delta_on_hand", tooLarge.negate()))
                .hasMessage("delta_on_hand must be between -1000000000000 and 1000000000000");
        for (BigDecimal outside : new BigDecimal[] {tooLarge, new BigDecimal("-1")}) {
            assertThatThrownBy(() -> Quantities.requireNonNegative("actual_quantity", outside))
                    .hasMessage("actual_quantity must be between 0 and 1000000000000");
        }
        for (BigDecimal outside : new BigDecimal[] {tooLarge, BigDecimal.ZERO, new BigDecimal("-1")}) {
            assertThatThrownBy(() -> Quantities.requirePositive("qty", outside))
                    .hasMessage("qty must be greater than zero and at most 1000000000000");
        }
        assertThat(Quantities.requirePositive("qty", new BigDecimal("1000000000000"))).isEqualByComparingTo("1000000000000");
        assertThat(Quantities.requireNonNegative("actual_quantity", BigDecimal.ZERO)).isEqualByComparingTo("0");
        assertThat(Quantities.requirePositive("qty", null)).isNull();
    }
}
