package org.stockledger.ledger.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterUtils;
import org.springframework.jdbc.core.namedparam.ParsedSql;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Component;
import org.stockledger.support.SqlDialect;

/**
 * Writes of one ledger transaction that PostgreSQL gets in one round trip: the statements are
 * joined into one text, which the driver sends at once (each statement parsed, bound and
 * executed in order, one result read back for all). A group-committed batch holds its level
 * locks and its queue's turn while its statements go back and forth, so every round trip saved
 * shortens the critical section every caller of the org waits behind. The first statement that
 * fails aborts the rest and the transaction, as one at a time would. On H2 (in the process, no
 * round trip to save) each statement runs when it is added.
 *
 * <p>Not thread-safe: one round belongs to one transaction's thread.
 */
public final class StatementRound {

    /** Makes rounds. */
    @Component
    public static final class Rounds {
        private final JdbcTemplate jdbc;
        private final SqlDialect dialect;

        public Rounds(JdbcTemplate jdbc, SqlDialect dialect) {
            this.jdbc = jdbc;
            this.dialect = dialect;
        }

        public StatementRound begin() {
            return new StatementRound(jdbc, dialect.isPostgres());
        }
    }

    /**
     * Named statements parsed once: the ledger's texts are constants, and parsing one for every
     * batch cost about 2 % of the service's CPU under load (as NamedParameterJdbcTemplate keeps
     * its parsed statements, which a round bypasses).
     */
    private static final Cache<String, ParsedSql> PARSED = Caffeine.newBuilder().maximumSize(256).build();

    private final JdbcTemplate jdbc;
    private final boolean together;
    private final List<String> statements = new ArrayList<>();
    private final List<Object> arguments = new ArrayList<>();

    private StatementRound(JdbcTemplate jdbc, boolean together) {
        this.jdbc = jdbc;
        this.together = together;
    }

    /** Adds a statement with {@code ?} placeholders, bound to {@code arguments} as {@link JdbcTemplate#update} binds them. */
    void add(String sql, Object... statementArguments) {
        if (!together) {
            jdbc.update(sql, statementArguments);
            return;
        }
        statements.add(sql.strip());
        arguments.addAll(Arrays.asList(statementArguments));
    }

    /** Adds a statement with named parameters, bound as {@code JdbcClient} binds them (an array stays one parameter). */
    public void add(String namedSql, SqlParameterSource parameters) {
        ParsedSql parsed = PARSED.get(namedSql, NamedParameterUtils::parseSqlStatement);
        add(NamedParameterUtils.substituteNamedParameters(parsed, parameters), NamedParameterUtils.buildValueArray(parsed, parameters, null));
    }

    /** Sends the statements added since the last send, in the order added; nothing when there are none. */
    public void send() {
        if (statements.isEmpty()) {
            return;
        }
        String sql = String.join(";\n", statements);
        Object[] bound = arguments.toArray();
        statements.clear();
        arguments.clear();
        jdbc.update(sql, bound);
    }
}
