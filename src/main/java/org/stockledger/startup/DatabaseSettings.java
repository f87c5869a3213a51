package org.stockledger.startup;

import java.nio.file.Path;
import java.util.Optional;
import org.springframework.core.env.Environment;

/** Where the configured database lives, and which environment variable an operator changes to move it. */
final class DatabaseSettings {

    static final String URL_VARIABLE = "STOCKLEDGER_DB_URL";
    static final String DATA_DIR_VARIABLE = "STOCKLEDGER_DATA_DIR";
    private static final String H2_FILE_PREFIX = "jdbc:h2:file:";

    private DatabaseSettings() {
    }

    static String url(Environment environment) {
        return environment.getProperty("spring.datasource.url", "");
    }

    /** The directory of the embedded H2 database's files, when the URL names an H2 file database. */
    static Optional<Path> embeddedDirectory(Environment environment) {
        String url = url(environment);
        if (!url.startsWith(H2_FILE_PREFIX)) {
            return Optional.empty();
        }
        String file = url.substring(H2_FILE_PREFIX.length()).split(";", 2)[0];
        if (file.startsWith("~")) {
            file = System.getProperty("user.home") + file.substring(1);
        }
        return Optional.ofNullable(Path.of(file).toAbsolutePath().normalize().getParent());
    }

    /**
     * {@code STOCKLEDGER_DATA_DIR} when the embedded database lies in the data directory (the
     * default), {@code STOCKLEDGER_DB_URL} when that URL names a file elsewhere.
     */
    static String embeddedDirectoryVariable(Environment environment, Path directory) {
        String dataDirectory = environment.getProperty("stockledger.data-dir", "");
        return !dataDirectory.isEmpty() && Path.of(dataDirectory).toAbsolutePath().normalize().equals(directory)
                ? DATA_DIR_VARIABLE : URL_VARIABLE;
    }

    /** The environment variable that sets a property, by Spring Boot's relaxed binding ({@code a.b-c} is {@code A_B_C}). */
    static String environmentVariableOf(String property) {
        return property.replace('.', '_').replace('-', '_').toUpperCase(java.util.Locale.ROOT);
    }
}
