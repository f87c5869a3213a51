package org.stockledger;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.stockledger.cli.StockledgerCli;

/**
 * Stockledger: the HTTP service (no arguments, or only Spring Boot property arguments such as
 * {@code --server.port=8081}), or else the operator's CLI over the same database
 * ({@code org}, {@code token}, {@code verify}, {@code --help}, ...; see {@link StockledgerCli#isCommandLine}).
 */
@SpringBootApplication
@EnableScheduling
public class StockledgerApplication {

    public static void main(String[] args) {
        if (StockledgerCli.isCommandLine(args)) {
            System.exit(StockledgerCli.run(args));
        }
        SpringApplication.run(StockledgerApplication.class, args);
    }
}
