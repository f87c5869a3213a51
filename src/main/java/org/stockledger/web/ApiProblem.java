package org.stockledger.web;

import java.net.URI;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.stockledger.support.DomainException;
import tools.jackson.databind.DatabindException;

/**
 * Builds the RFC 9457 problem documents of Stockledger: title from the status, a stable code.
 * Extension members never take the name of a member the document has itself (see
 * {@link DomainException#PROBLEM_MEMBERS}), so no member appears twice or is overwritten.
 */
public final class ApiProblem {

    public static final String TYPE_BASE = "https://stockledger.org/problems/";

    private ApiProblem() {
    }

    public static ProblemDetail of(int status, String code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatus(status);
        HttpStatus known = HttpStatus.resolve(status);
        problem.setTitle(known != null ? known.getReasonPhrase() : "Error");
        problem.setType(URI.create(TYPE_BASE + code.replace('_', '-')));
        problem.setDetail(detail);
        problem.setProperty("code", code);
        return problem;
    }

    public static ProblemDetail of(int status, String code, String detail, String field, Map<String, Object> details) {
        ProblemDetail problem = of(status, code, detail);
        if (field != null) {
            problem.setProperty("field", field);
        }
        details.forEach((name, value) -> {
            if (DomainException.PROBLEM_MEMBERS.contains(name)) {
                throw new IllegalStateException("problem " + code + " names an extension member '" + name + "', a member it has itself");
            }
            problem.setProperty(name, value);
        });
        return problem;
    }

    /** The code of an error known by its status alone, as the web server raises it outside Spring MVC. */
    public static String codeForStatus(int status) {
        return switch (status) {
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            default -> status >= 500 ? "internal_error" : "bad_request";
        };
    }

    /**
     * The field a JSON binding failure is about, named as the API names fields
     * ({@code delta_on_hand}, {@code items[1].price}); empty when it is about the whole document.
     */
    public static String fieldOf(DatabindException failure) {
        return failure.getPath().stream()
                .map(reference -> reference.getPropertyName() != null ? reference.getPropertyName() : "[" + reference.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    /**
     * The 400 {@code invalid_field} of a JSON value the mapper could not bind (wrong type, bad
     * value), its field named under {@code itemPath} ({@code updates[1]}, {@code items[1]}; null for
     * a request body bound as a whole). Adapters that bind parts of a body themselves refuse with it,
     * as {@link ProblemHandler} does for whole bodies.
     */
    public static DomainException unreadableValue(String itemPath, DatabindException failure) {
        String field = itemPath == null ? fieldOf(failure) : (itemPath + "." + fieldOf(failure)).replace(".[", "[");
        return DomainException.invalidField(field, "field " + field + " has the wrong JSON type or an invalid value");
    }
}
