package org.stockledger.access;

import java.util.Set;
import java.util.UUID;

/** The authenticated token a request acts as: its org, its id and name (the actor), its scopes. */
public record Caller(String orgId, UUID tokenId, String tokenName, Set<Scope> scopes) {

    public Caller {
        scopes = Set.copyOf(scopes);
    }

    public boolean has(Scope scope) {
        return scopes.contains(scope);
    }
}
