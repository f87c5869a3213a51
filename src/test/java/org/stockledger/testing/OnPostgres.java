package org.stockledger.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.test.context.ContextConfiguration;

/** Runs a suite against a fresh PostgreSQL database (all PostgreSQL suites share one application context). */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@ExtendWith(PostgresTestDatabase.class)
@ContextConfiguration(initializers = PostgresTestDatabase.class)
public @interface OnPostgres {
}
