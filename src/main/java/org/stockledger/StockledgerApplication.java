package org.stockledger;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.stockledger.cli.StockledgerCli;

/**
 * Stockledger: the HTTP service, or with a command as first argument ({@code org}, {@code token},
 * {@code verify}) the operator's CLI over the same database.
 */
@SpringBootApplication
@EnableScheduling
public class StockledgerApplication {

    public static void main(String[] args) {
        if (args.length > 0 && StockledgerCli.isCommand(args[0])) {
            System.exit(StockledgerCli.run(args));
        }
        SpringApplication.run(StockledgerApplication.class, args);
    }
}
