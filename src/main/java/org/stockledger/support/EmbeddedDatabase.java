package org.stockledger.support;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The embedded H2 file database Stockledger uses unless {@code STOCKLEDGER_DB_URL} names another.
 * Only one process can open its file: a second one (the CLI beside a running service) is refused.
 */
public final class EmbeddedDatabase {

    private static final String FILE_URL_PREFIX = "jdbc:h2:file:";
    /** H2's DATABASE_ALREADY_OPEN_1 ("Database may be already in use"): another process holds the file. */
    public static final int ALREADY_OPEN_ERROR_CODE = 90020;
    private static final String MV_STORE_SUFFIX = ".mv.db";

    private EmbeddedDatabase() {
    }

    /** Whether a failure (of a connection, or of a start-up that needed one) is the file being held by another process. */
    public static boolean isInUseByAnotherProcess(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException refused && refused.getErrorCode() == ALREADY_OPEN_ERROR_CODE) {
                return true;
            }
            if (cause.getCause() == cause) {
                return false;
            }
        }
        return false;
    }

    /** The directory of an H2 file database ({@code jdbc:h2:file:<dir>/<name>;...}) as an absolute path; empty for any other URL. */
    public static Optional<Path> directoryOf(String jdbcUrl) {
        return fileOf(jdbcUrl).map(Path::getParent);
    }

    /** The file of an H2 file database ({@code <dir>/<name>.mv.db}) as an absolute path; empty for any other URL. */
    public static Optional<Path> fileOf(String jdbcUrl) {
        if (jdbcUrl == null || !jdbcUrl.startsWith(FILE_URL_PREFIX)) {
            return Optional.empty();
        }
        String file = jdbcUrl.substring(FILE_URL_PREFIX.length()).split(";", 2)[0];
        if (file.startsWith("~")) {
            file = System.getProperty("user.home") + file.substring(1); // H2's own shorthand for the home directory
        }
        return Optional.of(Path.of(file + MV_STORE_SUFFIX).toAbsolutePath().normalize());
    }
}
