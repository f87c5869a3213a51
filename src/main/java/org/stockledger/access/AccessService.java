package org.stockledger.access;

import java.math.BigDecimal;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.stockledger.access.internal.OrgRepository;
import org.stockledger.access.internal.TokenHasher;
import org.stockledger.access.internal.TokenRepository;
import org.stockledger.catalog.CatalogService;
import org.stockledger.catalog.Location;
import org.stockledger.support.DomainException;
import org.stockledger.support.Ids;

/** Creates orgs (each with its default location) and tokens, and authenticates bearer secrets. */
@Service
public class AccessService {

    public static final Pattern ORG_ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    public static final int TOKEN_SECRET_LENGTH_MIN = 16;
    public static final int TOKEN_SECRET_LENGTH_MAX = 200;
    public static final String DEFAULT_LOCATION_CODE = "main";

    private final OrgRepository orgs;
    private final TokenRepository tokens;
    private final CatalogService catalog;
    private final Clock clock;
    /**
     * Every request authenticates and most read their org: both are cached briefly. A revoked
     * token or changed setting takes effect at once on this instance and within
     * {@link #CACHE_TTL} on the others. Unknown secrets are not cached.
     */
    private final Cache<String, Caller> callersByTokenHash;
    private final Cache<String, Org> orgsById;

    public static final Duration CACHE_TTL = Duration.ofSeconds(5);
    private static final int CACHE_ENTRIES_MAX = 10_000;

    public AccessService(OrgRepository orgs, TokenRepository tokens, CatalogService catalog, Clock clock) {
        this.orgs = orgs;
        this.tokens = tokens;
        this.catalog = catalog;
        this.clock = clock;
        this.callersByTokenHash = Caffeine.newBuilder().expireAfterWrite(CACHE_TTL).maximumSize(CACHE_ENTRIES_MAX).build();
        this.orgsById = Caffeine.newBuilder().expireAfterWrite(CACHE_TTL).maximumSize(CACHE_ENTRIES_MAX).build();
    }

    /** Creates an org with its default location ("main"). */
    @Transactional
    public Org createOrg(String orgId, String name) {
        if (orgId == null || !ORG_ID.matcher(orgId).matches()) {
            throw DomainException.invalidField("org_id", "org id must match " + ORG_ID.pattern());
        }
        if (orgs.findOrg(orgId).isPresent()) {
            throw new DomainException(409, "org_exists", "org " + orgId + " already exists");
        }
        orgs.insertOrg(orgId, name == null || name.isBlank() ? orgId : name, "UTC", clock.instant());
        Location main = catalog.createLocation(orgId, DEFAULT_LOCATION_CODE, "Main location");
        orgs.updateDefaultLocation(orgId, main.locationId());
        return orgs.findOrg(orgId).orElseThrow();
    }

    @Transactional
    public Org updateOrgSettings(String orgId, boolean reservationsEnabled, boolean strictOrderWorkflow,
            BigDecimal defaultReorderPoint, String timeZone) {
        requireOrg(orgId);
        try {
            ZoneId.of(timeZone);
        } catch (DateTimeException unknownZone) {
            throw DomainException.invalidField("time_zone", "unknown time zone " + timeZone);
        }
        orgs.updateSettings(orgId, reservationsEnabled, strictOrderWorkflow, defaultReorderPoint, timeZone);
        orgsById.invalidate(orgId);
        return orgs.findOrg(orgId).orElseThrow();
    }

    public Optional<Org> findOrg(String orgId) {
        Org cached = orgsById.getIfPresent(orgId);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<Org> found = orgs.findOrg(orgId);
        found.ifPresent(org -> orgsById.put(orgId, org));
        return found;
    }

    public Org requireOrg(String orgId) {
        return findOrg(orgId).orElseThrow(() -> DomainException.notFound("unknown_org", "org " + orgId + " does not exist"));
    }

    public List<String> orgIds() {
        return orgs.listOrgIds();
    }

    public boolean hasAnyOrg() {
        return orgs.countOrgs() > 0;
    }

    /** Creates a token with a new random secret, returned once in the result. */
    @Transactional
    public IssuedToken createToken(String orgId, String name, Set<Scope> scopes) {
        return createTokenWithSecret(orgId, name, scopes, TokenHasher.newSecret());
    }

    /** Creates a token whose secret the operator chose (bootstrap, automation). */
    @Transactional
    public IssuedToken createTokenWithSecret(String orgId, String name, Set<Scope> scopes, String secret) {
        requireOrg(orgId);
        if (scopes.isEmpty()) {
            throw DomainException.invalidField("scopes", "a token needs at least one scope");
        }
        if (secret == null || secret.length() < TOKEN_SECRET_LENGTH_MIN || secret.length() > TOKEN_SECRET_LENGTH_MAX) {
            throw DomainException.invalidField("token",
                    "a token secret must be " + TOKEN_SECRET_LENGTH_MIN + " to " + TOKEN_SECRET_LENGTH_MAX + " characters long");
        }
        String hash = TokenHasher.hash(secret);
        if (tokens.existsByHash(hash)) {
            throw new DomainException(409, "token_exists", "this token secret is already in use");
        }
        UUID tokenId = Ids.newId();
        String tokenName = name == null || name.isBlank() ? "token-" + tokenId.toString().substring(0, 8) : name;
        tokens.insertToken(orgId, tokenId, tokenName, hash, scopes, clock.instant());
        return new IssuedToken(orgId, tokenId, tokenName, secret);
    }

    public boolean tokenExists(String secret) {
        return tokens.existsByHash(TokenHasher.hash(secret));
    }

    public List<TokenSummary> listTokens(String orgIdOrNull) {
        return tokens.listTokens(orgIdOrNull);
    }

    @Transactional
    public void revokeToken(UUID tokenId) {
        if (tokens.revokeToken(tokenId, clock.instant()) == 0) {
            throw new DomainException(404, "unknown_token", "no active token " + tokenId, null, Map.of());
        }
        callersByTokenHash.asMap().values().removeIf(caller -> caller.tokenId().equals(tokenId));
    }

    /** The caller a bearer secret stands for, if it is a live token. */
    public Optional<Caller> authenticate(String secret) {
        if (secret == null || secret.isEmpty() || secret.length() > 200) {
            return Optional.empty();
        }
        String hash = TokenHasher.hash(secret);
        Caller cached = callersByTokenHash.getIfPresent(hash);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<Caller> found = tokens.findActiveCallerByHash(hash);
        found.ifPresent(caller -> callersByTokenHash.put(hash, caller));
        return found;
    }
}
