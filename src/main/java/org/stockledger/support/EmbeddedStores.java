package org.stockledger.support;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Makes the embedded H2 database's commits survive a killed process: a commit returns once H2
 * has stored it to its file ({@code CHECKPOINT}). H2 itself keeps commits in the process's memory
 * until its background writer stores them (its write delay), so a killed process lost
 * transactions it had reported committed. H2's {@code WRITE_DELAY=0} stores every commit too, but
 * stops that background writer, which is also what compacts the file: under load the file grew
 * to a hundred times the size of its data.
 *
 * <p>Stores are shared: one store covers every commit that completed before it began, so commits
 * that arrive while a store runs (the group-commit writers, other requests) wait for the next one
 * together instead of each writing its own chunk of the file. There is no timer: a commit alone is
 * stored at once. (A minimum of 20 ms between stores made the file grow a quarter less at a steady
 * 100 adjustments/s, but held a client that writes one request after another to 50 a second.)
 */
final class EmbeddedStores {

    private final ReentrantLock storing = new ReentrantLock();
    private final AtomicLong commits = new AtomicLong();
    private long storedCommits; // guarded by storing

    /** Returns once a store that began after this connection's commit has written it to the file. */
    void storeCommitted(Connection connection) {
        long commit = commits.incrementAndGet();
        storing.lock();
        try {
            if (storedCommits >= commit) {
                return; // a store that began after this commit has written it
            }
            long covered = commits.get();
            try (Statement checkpoint = connection.createStatement()) {
                checkpoint.execute("checkpoint");
            }
            storedCommits = covered;
        } catch (SQLException failed) {
            throw new IllegalStateException("committed, but not stored to the database file", failed);
        } finally {
            storing.unlock();
        }
    }
}
