package org.stockledger.testing;

/** An org made for one test, with an all-scope token and a client that uses it. */
public record TestOrg(String orgId, String token, ApiClient api) {

    public String v2(String path) {
        return "/api/v2/public/orgs/" + orgId + path;
    }
}
