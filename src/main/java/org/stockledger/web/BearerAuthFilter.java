package org.stockledger.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.stockledger.access.AccessService;
import org.stockledger.access.Caller;

/**
 * Every {@code /api/} request needs {@code Authorization: Bearer <token>} of a live token;
 * otherwise 401 {@code unauthorized}. The caller is kept on the request for the rest.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class BearerAuthFilter extends OncePerRequestFilter {

    static final String CALLER_ATTRIBUTE = Caller.class.getName();
    private static final String PREFIX = "Bearer ";

    private final AccessService access;
    private final ProblemWriter problems;

    public BearerAuthFilter(AccessService access, ProblemWriter problems) {
        this.access = access;
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        Optional<Caller> caller = header != null && header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())
                ? access.authenticate(header.substring(PREFIX.length()).trim())
                : Optional.empty();
        if (caller.isEmpty()) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
            problems.write(response, ApiProblem.of(401, "unauthorized",
                    header == null ? "an Authorization: Bearer token is required" : "the bearer token is unknown or revoked"));
            return;
        }
        request.setAttribute(CALLER_ATTRIBUTE, caller.get());
        chain.doFilter(request, response);
    }

    public static Caller callerOf(HttpServletRequest request) {
        Caller caller = (Caller) request.getAttribute(CALLER_ATTRIBUTE);
        if (caller == null) {
            throw new IllegalStateException("no authenticated caller on " + request.getRequestURI());
        }
        return caller;
    }
}
