package org.stockledger.access;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import org.stockledger.support.DomainException;

/**
 * First start: on an empty database, creates org {@code demo} and prints one all-scope token,
 * once. With {@code STOCKLEDGER_BOOTSTRAP_ORG} and/or {@code STOCKLEDGER_BOOTSTRAP_TOKEN} set it
 * creates exactly that org and that token instead, each only if absent (for automation).
 */
@Component
@ConditionalOnProperty(name = "stockledger.bootstrap.enabled", havingValue = "true", matchIfMissing = true)
public class Bootstrap implements ApplicationRunner {

    public static final String DEMO_ORG = "demo";
    private static final Logger log = LoggerFactory.getLogger(Bootstrap.class);

    private final AccessService access;
    private final String bootstrapOrg;
    private final String bootstrapToken;

    public Bootstrap(AccessService access, @Value("${stockledger.bootstrap.org:}") String bootstrapOrg,
            @Value("${stockledger.bootstrap.token:}") String bootstrapToken) {
        this.access = access;
        this.bootstrapOrg = bootstrapOrg;
        this.bootstrapToken = bootstrapToken;
    }

    @Override
    public void run(ApplicationArguments args) {
        boolean configured = !bootstrapOrg.isBlank() || !bootstrapToken.isBlank();
        if (!configured && access.hasAnyOrg()) {
            return;
        }
        String orgId = bootstrapOrg.isBlank() ? DEMO_ORG : bootstrapOrg;
        boolean created = createOrgIfAbsent(orgId);
        if (!bootstrapToken.isBlank()) {
            if (!access.tokenExists(bootstrapToken)) {
                access.createTokenWithSecret(orgId, "bootstrap", Scope.all(), bootstrapToken);
                log.info("bootstrap token for org {} created from STOCKLEDGER_BOOTSTRAP_TOKEN", orgId);
            }
            return;
        }
        if (created) {
            IssuedToken token = access.createToken(orgId, "bootstrap", Scope.all());
            System.out.println("""

                    ==========================================================================
                     Stockledger created org "%1$s" and an API token with every scope.
                     The token is shown only this once; keep it:

                       %2$s

                     Try:  curl -H "Authorization: Bearer %2$s" \\
                             http://localhost:${PORT}/api/v2/public/orgs/%1$s/inventory
                     More tokens: bin/stockledger token create --org %1$s --scopes inventory.read
                    ==========================================================================
                    """.formatted(orgId, token.secret()).replace("${PORT}", System.getProperty("server.port",
                    System.getenv().getOrDefault("SERVER_PORT", "8080"))));
        }
    }

    private boolean createOrgIfAbsent(String orgId) {
        if (access.findOrg(orgId).isPresent()) {
            return false;
        }
        try {
            access.createOrg(orgId, orgId);
            log.info("created org {}", orgId);
            return true;
        } catch (DomainException | DataIntegrityViolationException createdConcurrently) {
            return false;
        }
    }
}
