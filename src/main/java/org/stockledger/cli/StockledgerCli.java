package org.stockledger.cli;

import java.util.Set;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.stockledger.StockledgerApplication;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Runs one CLI command against the configured database, without starting the HTTP server. */
@Command(name = "stockledger", mixinStandardHelpOptions = true, version = "Stockledger 0.1.0",
        description = "Stockledger operator commands (the same database settings as the service).",
        subcommands = {OrgCommand.class, TokenCommand.class, VerifyCommand.class, CommandLine.HelpCommand.class})
public class StockledgerCli {

    private static final Set<String> COMMANDS = Set.of("org", "token", "verify", "help", "--help", "-h");

    public static boolean isCommand(String firstArgument) {
        return COMMANDS.contains(firstArgument);
    }

    public static int run(String... args) {
        SpringApplication application = new SpringApplication(StockledgerApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setDefaultProperties(java.util.Map.of(
                "stockledger.bootstrap.enabled", "false",
                "spring.main.banner-mode", "off",
                "logging.level.root", "WARN"));
        application.setLogStartupInfo(false);
        try (ConfigurableApplicationContext context = application.run()) {
            return execute(context, args);
        }
    }

    /** Runs a command with beans from an existing context (the tests use this). */
    public static int execute(ConfigurableApplicationContext context, String... args) {
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                if (type.isAnnotationPresent(Command.class)) {
                    return context.getAutowireCapableBeanFactory().createBean(type);
                }
                return CommandLine.defaultFactory().create(type);
            }
        };
        return new CommandLine(StockledgerCli.class, factory).execute(args);
    }
}
