package org.stockledger.startup;

import java.nio.file.Path;
import java.util.Optional;
import org.springframework.core.env.Environment;
import org.stockledger.support.EmbeddedDatabase;

/** Where the configured database lives, and which environment variable an operator changes to move it. */
final class DatabaseSettings {

    static final String URL_VARIABLE = "STOCKLEDGER_DB_URL";
    static final String DATA_DIR_VARIABLE = "STOCKLEDGER_DATA_DIR";

    private DatabaseSettings() {
    }

    static String url(Environment environment) {
        return environment.getProperty("spring.datasource.url", "");
    }

    /** The directory of the embedded H2 database's files, when the URL names an H2 file database. */
    static Optional<Path> embeddedDirectory(Environment environment) {
        return EmbeddedDatabase.directoryOf(url(environment));
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
