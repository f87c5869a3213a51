package org.stockledger.support;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Settings of every PostgreSQL session of the pool, set when a connection opens. {@code jit = off}:
 * PostgreSQL compiles a statement to machine code when its estimated cost passes
 * {@code jit_above_cost}, and the estimate of a statement that stops at a LIMIT or counts an
 * index is often far above what it does. A snapshot page that runs in 7 ms spent 22 ms compiling;
 * counting 100,000 levels took 62 ms instead of 13; even the year's top movers over 8.7 million
 * rollups ran faster without (2.9 s against 3.5 s). An operator who wants it back sets
 * {@code STOCKLEDGER_DB_SESSION_SQL}, which replaces this statement.
 */
@Component
public class PostgresSessions implements BeanPostProcessor {

    static final String DEFAULT_SESSION_SQL = "set jit = off";

    private final String sessionSql;

    public PostgresSessions(Environment environment) {
        this.sessionSql = environment.getProperty("stockledger.db.session-sql", DEFAULT_SESSION_SQL);
    }

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (bean instanceof HikariDataSource pool && pool.getJdbcUrl() != null && pool.getJdbcUrl().startsWith("jdbc:postgresql:")
                && pool.getConnectionInitSql() == null && !sessionSql.isBlank()) {
            pool.setConnectionInitSql(sessionSql);
        }
        return bean;
    }
}
