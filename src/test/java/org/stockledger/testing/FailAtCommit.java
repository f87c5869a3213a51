package org.stockledger.testing;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Stages a failing COMMIT on PostgreSQL: a deferred constraint trigger on a table, which runs
 * inside COMMIT, on a row whose {@code column} holds a poison: {@link #FAIL} raises an error
 * (PostgreSQL answers the COMMIT with it, having rolled back), {@link #DIE} ends the trigger's own
 * backend (the connection breaks mid-commit, the outcome unknown to the client). H2 has no
 * deferred triggers.
 */
public final class FailAtCommit {

    public static final String FAIL = "fail at commit";
    public static final String DIE = "die at commit";

    private FailAtCommit() {
    }

    /** Installs the trigger on {@code table}, testing {@code column} of each inserted row; the names are the test's own constants. */
    public static void install(JdbcClient jdbc, String table, String column) {
        jdbc.sql("""
                create or replace function test_fail_at_commit_%1$s() returns trigger language plpgsql as $$
                begin
                    if new.%2$s = '%3$s' then
                        raise exception 'commit refused by the test trigger';
                    elsif new.%2$s = '%4$s' then
                        perform pg_terminate_backend(pg_backend_pid());
                    end if;
                    return null;
                end $$
                """.formatted(table, column, FAIL, DIE)).update();
        jdbc.sql("""
                create constraint trigger test_fail_at_commit after insert on %1$s
                deferrable initially deferred for each row execute function test_fail_at_commit_%1$s()
                """.formatted(table)).update();
    }

    public static void drop(JdbcClient jdbc, String table) {
        jdbc.sql("drop trigger if exists test_fail_at_commit on " + table).update();
        jdbc.sql("drop function if exists test_fail_at_commit_" + table + "()").update();
    }
}
