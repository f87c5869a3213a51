package org.stockledger.testing;

import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/** Points the application at a fresh in-memory H2 database, one per test JVM. */
public class H2TestDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        TestPropertyValues.of(
                "spring.datasource.url=jdbc:h2:mem:stockledger-" + ProcessHandle.current().pid()
                        + ";DB_CLOSE_DELAY=-1;DEFAULT_LOCK_TIMEOUT=10000",
                "spring.datasource.username=sa",
                "spring.datasource.password=")
                .applyTo(context);
    }
}
