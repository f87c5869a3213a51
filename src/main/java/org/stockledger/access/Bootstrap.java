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
import org.stockledger.support.InvalidSettingException;

/**
 * First start: on an empty database, creates org {@code demo} and prints one all-scope token,
 * once. With {@code STOCKLEDGER_BOOTSTRAP_ORG} and/or {@code STOCKLEDGER_BOOTSTRAP_TOKEN} set it
 * creates exactly that org and that token instead, each only if absent (for automation). Both
 * settings are checked when the service is assembled, so a bad one fails the start before the
 * server listens and before anything is created. On a later start, one line says how to get a
 * new token, since the first one is never shown again.
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
        requireValidSettings(bootstrapOrg, bootstrapToken);
        this.access = access;
        this.bootstrapOrg = bootstrapOrg;
        this.bootstrapToken = bootstrapToken;
    }

    /** The checks {@link AccessService} makes when it creates the org and the token, made before either is created. */
    private static void requireValidSettings(String bootstrapOrg, String bootstrapToken) {
        if (!bootstrapOrg.isBlank() && !AccessService.ORG_ID.matcher(bootstrapOrg).matches()) {
            throw new InvalidSettingException("STOCKLEDGER_BOOTSTRAP_ORG",
                    "STOCKLEDGER_BOOTSTRAP_ORG is '" + bootstrapOrg + "', which is not an org id (" + AccessService.ORG_ID.pattern() + ").",
                    "Set STOCKLEDGER_BOOTSTRAP_ORG to lower-case letters, digits, '-' and '_' (at most 64, starting with a letter or digit), "
                            + "or unset it to create org " + DEMO_ORG + ".");
        }
        int length = bootstrapToken.length();
        if (!bootstrapToken.isBlank()
                && (length < AccessService.TOKEN_SECRET_LENGTH_MIN || length > AccessService.TOKEN_SECRET_LENGTH_MAX)) {
            String range = AccessService.TOKEN_SECRET_LENGTH_MIN + " to " + AccessService.TOKEN_SECRET_LENGTH_MAX + " characters";
            throw new InvalidSettingException("STOCKLEDGER_BOOTSTRAP_TOKEN",
                    "STOCKLEDGER_BOOTSTRAP_TOKEN is " + length + " characters long; a token secret must be " + range + " long.",
                    "Set STOCKLEDGER_BOOTSTRAP_TOKEN to a secret of " + range + " (for example: openssl rand -hex 24), "
                            + "or unset it to have a token printed at first start.");
        }
    }

    @Override
    public void run(ApplicationArguments args) {
        boolean configured = !bootstrapOrg.isBlank() || !bootstrapToken.isBlank();
        String orgId = bootstrapOrg.isBlank() ? DEMO_ORG : bootstrapOrg;
        if (!configured && access.hasAnyOrg()) {
            if (access.findOrg(orgId).isPresent()) {
                logHowToGetANewToken(orgId);
            }
            return;
        }
        boolean created = createOrgIfAbsent(orgId);
        if (!bootstrapToken.isBlank()) {
            if (!access.tokenExists(bootstrapToken)) {
                access.createTokenWithSecret(orgId, "bootstrap", Scope.all(), bootstrapToken);
                log.info("bootstrap token for org {} created from STOCKLEDGER_BOOTSTRAP_TOKEN", orgId);
            }
            return;
        }
        if (!created) {
            logHowToGetANewToken(orgId);
            return;
        }
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

    /** The token printed at first start is shown only then; an operator who lost it needs this command. */
    private static void logHowToGetANewToken(String orgId) {
        log.info("org {} exists; for a new API token run: bin/stockledger token create --org {} --scopes inventory.read,inventory.write",
                orgId, orgId);
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
