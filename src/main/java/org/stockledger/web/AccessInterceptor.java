package org.stockledger.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.stockledger.access.Caller;
import org.stockledger.support.DomainException;

/**
 * Checks, before any API operation runs, that the token has the operation's scope (403) and
 * that an {@code {orgId}} in the path is the token's own org; another org's resources do not
 * exist for it (404), whatever they are.
 */
@Component
public class AccessInterceptor implements HandlerInterceptor {

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method) || !request.getRequestURI().startsWith("/api/")) {
            return true;
        }
        Optional<DomainException> refusal = refusal(request, BearerAuthFilter.callerOf(request), method);
        if (refusal.isPresent()) {
            throw refusal.get();
        }
        return true;
    }

    /**
     * Why the caller may not run {@code method} (404 for another org's path, 403 for a missing
     * scope), or empty when it may. Needs the path variables the handler mapping put on the request.
     * {@link IdempotencyFilter} asks it too: a request refused here must neither replay another
     * caller's stored answer nor leave its refusal stored under the key.
     */
    static Optional<DomainException> refusal(HttpServletRequest request, Caller caller, HandlerMethod method) {
        @SuppressWarnings("unchecked")
        Map<String, String> pathVariables = (Map<String, String>) request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        if (pathVariables != null && pathVariables.containsKey("orgId") && !caller.orgId().equals(pathVariables.get("orgId"))) {
            return Optional.of(DomainException.notFound("not_found", "no such resource"));
        }
        RequiresScope required = method.getMethodAnnotation(RequiresScope.class);
        if (required == null) {
            throw new IllegalStateException("API operation " + method + " declares no @RequiresScope");
        }
        if (!caller.has(required.value())) {
            return Optional.of(new DomainException(403, "insufficient_scope",
                    "this token lacks the scope " + required.value().wireName(), null,
                    Map.of("required_scope", required.value().wireName())));
        }
        return Optional.empty();
    }
}
