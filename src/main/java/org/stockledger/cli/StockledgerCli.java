package org.stockledger.cli;

import java.io.PrintWriter;
import java.lang.reflect.Constructor;
import java.util.Arrays;
import java.util.List;
import org.springframework.context.ConfigurableApplicationContext;
import org.stockledger.support.DomainException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Runs one CLI command against the configured database, without starting the HTTP server. The
 * command line is parsed first: help, the version and usage errors (exit 2) are answered without
 * the application context, which only a command that runs starts. A refusal the operator can fix
 * (an org that exists, an unknown token, a database in use) is one line on stderr and exit 1.
 */
@Command(name = "stockledger", mixinStandardHelpOptions = true, scope = ScopeType.INHERIT,
        versionProvider = StockledgerCli.BuildVersion.class,
        description = "Stockledger operator commands (the same database settings as the service).",
        subcommands = {OrgCommand.class, TokenCommand.class, VerifyCommand.class, CommandLine.HelpCommand.class})
public class StockledgerCli {

    /**
     * Whether these arguments are a command line for the CLI rather than arguments of the service.
     * The service runs with no arguments or only Spring Boot property arguments ({@code --name=value},
     * such as {@code --server.port=8081}); anything else is the CLI's, which refuses what it does
     * not know instead of starting a second service.
     */
    public static boolean isCommandLine(String... args) {
        return Arrays.stream(args).anyMatch(argument -> !isPropertyArgument(argument));
    }

    private static boolean isPropertyArgument(String argument) {
        return argument.startsWith("--") && argument.indexOf('=') > 2;
    }

    public static int run(String... args) {
        return run(List.of(), args);
    }

    /** {@link #run(String...)} with Spring Boot property arguments for the application context (the tests use this). */
    static int run(List<String> springArguments, String... args) {
        try (Capabilities capabilities = Capabilities.startedOnFirstUse(springArguments)) {
            return execute(capabilities, args);
        }
    }

    /** Runs a command with beans from an existing context (the tests use this). */
    public static int execute(ConfigurableApplicationContext context, String... args) {
        return execute(Capabilities.of(context), args);
    }

    private static int execute(Capabilities capabilities, String... args) {
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                for (Constructor<?> constructor : type.getDeclaredConstructors()) {
                    if (constructor.getParameterCount() == 1 && constructor.getParameterTypes()[0] == Capabilities.class) {
                        return type.cast(constructor.newInstance(capabilities));
                    }
                }
                return CommandLine.defaultFactory().create(type);
            }
        };
        return new CommandLine(StockledgerCli.class, factory)
                .setParameterExceptionHandler(StockledgerCli::reportUsageError)
                .setExecutionExceptionHandler(StockledgerCli::reportRefusal)
                .execute(args);
    }

    private static int reportUsageError(ParameterException error, String[] args) {
        CommandLine command = error.getCommandLine();
        PrintWriter err = command.getErr();
        if (error instanceof UnmatchedArgumentException unmatched && isUnknownCommand(unmatched)) {
            String parent = command.getParent() == null ? "" : command.getCommandName() + " ";
            err.println("error: unknown command '" + parent + unmatched.getUnmatched().getFirst() + "'");
            UnmatchedArgumentException.printSuggestions(unmatched, err);
        } else {
            err.println("error: " + error.getMessage());
        }
        command.usage(err);
        return command.getCommandSpec().exitCodeOnInvalidInput();
    }

    /** A word where a command with subcommands expects one of them (not an option, not an extra parameter). */
    private static boolean isUnknownCommand(UnmatchedArgumentException unmatched) {
        List<String> words = unmatched.getUnmatched();
        return !unmatched.getCommandLine().getSubcommands().isEmpty() && !words.isEmpty() && !words.getFirst().startsWith("-");
    }

    /** Refusals the operator can fix are one line; anything else is a bug and keeps its stack trace. */
    private static int reportRefusal(Exception failure, CommandLine command, ParseResult parsed) throws Exception {
        if (failure instanceof DomainException || failure instanceof CommandRefused) {
            command.getErr().println("error: " + failure.getMessage());
            return command.getCommandSpec().exitCodeOnExecutionException();
        }
        throw failure;
    }

    /** The version the jar was built as (its manifest's Implementation-Version); a build from the sources says so. */
    static final class BuildVersion implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = StockledgerCli.class.getPackage().getImplementationVersion();
            return new String[] {"Stockledger " + (version == null ? "(built from the sources, no version)" : version)};
        }
    }
}
