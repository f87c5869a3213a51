package org.stockledger.startup;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.stockledger.support.InvalidSettingException;

/**
 * Checks the database settings before any bean is created: a URL of a database Stockledger does
 * not run on, or a data directory the embedded database cannot write, fails the start with an
 * {@link InvalidSettingException} naming the variable, instead of a driver's error deep inside
 * the connection pool (H2 even prints its own stack traces when it cannot write its files).
 */
@Component
class DatabaseSettingsCheck implements BeanFactoryPostProcessor, EnvironmentAware {

    static final String URL_ACTION = "Set " + DatabaseSettings.URL_VARIABLE + " to a PostgreSQL URL such as "
            + "jdbc:postgresql://localhost:5432/stockledger, or unset it to use the embedded H2 database in "
            + DatabaseSettings.DATA_DIR_VARIABLE + ".";

    private Environment environment;

    /** A post-processor runs before autowiring, so the environment comes through this callback. */
    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        requireSupportedUrl(DatabaseSettings.url(environment));
        DatabaseSettings.embeddedDirectory(environment).ifPresent(this::requireWritableDirectory);
    }

    static void requireSupportedUrl(String url) {
        if (url.startsWith("jdbc:postgresql:") || url.startsWith("jdbc:h2:")) {
            return;
        }
        String problem = url.startsWith("jdbc:")
                ? DatabaseSettings.URL_VARIABLE + " names a database Stockledger does not run on (" + schemeOf(url)
                        + "): it runs on PostgreSQL, or on its embedded H2 database when " + DatabaseSettings.URL_VARIABLE + " is unset."
                : DatabaseSettings.URL_VARIABLE + " is not a JDBC URL" + (url.isBlank() ? " (it is empty)" : " (it starts with " + schemeOf(url) + ")")
                        + ": a PostgreSQL URL starts with jdbc:postgresql://.";
        throw new InvalidSettingException(DatabaseSettings.URL_VARIABLE, problem, URL_ACTION);
    }

    /** The URL up to its database type ({@code jdbc:mysql:}), never its host, user or password. */
    private static String schemeOf(String url) {
        int from = url.startsWith("jdbc:") ? "jdbc:".length() : 0;
        int colon = url.indexOf(':', from);
        return colon < 0 ? "no scheme" : "'" + url.substring(0, colon + 1) + "'";
    }

    private void requireWritableDirectory(Path directory) {
        String variable = DatabaseSettings.embeddedDirectoryVariable(environment, directory);
        String named = variable + " (" + directory + ")";
        String action = variable.equals(DatabaseSettings.DATA_DIR_VARIABLE)
                ? "Set " + variable + " to a directory the service's user can write (it is created if missing), "
                        + "or unset it to use ./data; or run on PostgreSQL with " + DatabaseSettings.URL_VARIABLE + "."
                : "Point " + variable + " at a file in a directory the service's user can write, or unset it to use "
                        + DatabaseSettings.DATA_DIR_VARIABLE + ".";
        if (Files.exists(directory) && !Files.isDirectory(directory)) {
            throw new InvalidSettingException(variable, named + " is a file, not a directory.", action);
        }
        try {
            Files.createDirectories(directory);
        } catch (IOException failed) {
            throw new InvalidSettingException(variable, named + " cannot be created: " + reasonOf(failed) + ".", action, failed);
        }
        if (!Files.isWritable(directory)) {
            throw new InvalidSettingException(variable, named + " is not writable by the service's user.", action);
        }
    }

    private static String reasonOf(IOException failed) {
        if (failed instanceof AccessDeniedException denied) {
            return "permission denied on " + denied.getFile();
        }
        if (failed instanceof FileSystemException system && system.getReason() != null) {
            return system.getReason().toLowerCase(java.util.Locale.ROOT) + " (" + system.getFile() + ")";
        }
        return failed.toString();
    }
}
