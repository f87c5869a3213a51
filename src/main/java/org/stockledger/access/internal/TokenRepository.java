package org.stockledger.access.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.stockledger.access.Caller;
import org.stockledger.access.Scope;
import org.stockledger.access.TokenSummary;

@Repository
public class TokenRepository {

    private final JdbcClient jdbc;

    public TokenRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insertToken(String orgId, UUID tokenId, String name, String tokenHash, Set<Scope> scopes, Instant createdAt) {
        jdbc.sql("""
                insert into api_tokens (org_id, token_id, name, token_hash, scopes, created_at)
                values (:orgId, :tokenId, :name, :tokenHash, :scopes, :createdAt)
                """)
                .param("orgId", orgId)
                .param("tokenId", tokenId)
                .param("name", name)
                .param("tokenHash", tokenHash)
                .param("scopes", scopes.stream().map(Scope::wireName).sorted().collect(Collectors.joining(" ")))
                .param("createdAt", OffsetDateTime.ofInstant(createdAt, ZoneOffset.UTC))
                .update();
    }

    public Optional<Caller> findActiveCallerByHash(String tokenHash) {
        return jdbc.sql("""
                select org_id, token_id, name, scopes
                from api_tokens where token_hash = :tokenHash and revoked_at is null
                """)
                .param("tokenHash", tokenHash)
                .query((rs, row) -> new Caller(
                        rs.getString("org_id"),
                        rs.getObject("token_id", UUID.class),
                        rs.getString("name"),
                        parseScopes(rs.getString("scopes"))))
                .optional();
    }

    public boolean existsByHash(String tokenHash) {
        return jdbc.sql("select count(*) from api_tokens where token_hash = :tokenHash")
                .param("tokenHash", tokenHash)
                .query(Long.class)
                .single() > 0;
    }

    public List<TokenSummary> listTokens(String orgId) {
        return jdbc.sql("""
                select org_id, token_id, name, scopes, created_at, revoked_at
                from api_tokens where (:orgId is null or org_id = :orgId)
                order by org_id, created_at, token_id
                """)
                .param("orgId", orgId, java.sql.Types.VARCHAR)
                .query(TokenRepository::toSummary)
                .list();
    }

    public int revokeToken(UUID tokenId, Instant revokedAt) {
        return jdbc.sql("update api_tokens set revoked_at = :revokedAt where token_id = :tokenId and revoked_at is null")
                .param("tokenId", tokenId)
                .param("revokedAt", OffsetDateTime.ofInstant(revokedAt, ZoneOffset.UTC))
                .update();
    }

    private static TokenSummary toSummary(ResultSet rs, int row) throws SQLException {
        OffsetDateTime revokedAt = rs.getObject("revoked_at", OffsetDateTime.class);
        return new TokenSummary(
                rs.getString("org_id"),
                rs.getObject("token_id", UUID.class),
                rs.getString("name"),
                parseScopes(rs.getString("scopes")),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                revokedAt == null ? null : revokedAt.toInstant());
    }

    private static Set<Scope> parseScopes(String text) {
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        Arrays.stream(text.split(" ")).map(Scope::fromWireName).flatMap(Optional::stream).forEach(scopes::add);
        return scopes;
    }
}
