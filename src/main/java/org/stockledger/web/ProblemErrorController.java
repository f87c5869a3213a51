package org.stockledger.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.stockledger.support.DatabaseUnavailable;
import org.stockledger.support.DomainException;

/**
 * Answers the servlet container's error page as a problem document, in place of Spring Boot's
 * JSON: errors raised outside Spring MVC's handlers reach it, such as a TRACE Tomcat refuses, a
 * failure thrown by a filter or a status sent with {@code sendError}. A request for the error
 * page itself finds no operation.
 */
@RestController
public class ProblemErrorController implements ErrorController {

    private final ProblemHandler problems;

    public ProblemErrorController(ProblemHandler problems) {
        this.problems = problems;
    }

    @RequestMapping("${server.error.path:${error.path:/error}}")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        Object failure = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        if (failure instanceof DomainException refusal) {
            // e.g. the Idempotency-Key filter's commit failing after the operation answered
            return asProblem(problems.domain(refusal), request);
        }
        if (failure instanceof RuntimeException runtime && DatabaseUnavailable.reasonOf(runtime).isPresent()) {
            // e.g. a filter looking the bearer token up while the database is down
            return asProblem(problems.databaseUnavailable(runtime), request);
        }
        ProblemDetail problem;
        if (failure instanceof InvalidParameterException) {
            problem = ApiProblem.of(400, "invalid_parameter", ProblemHandler.UNREADABLE_QUERY);
        } else if (status instanceof Integer code && code >= 400) {
            Object message = request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
            problem = ApiProblem.of(code, ApiProblem.codeForStatus(code), code >= 500
                    ? ProblemHandler.INTERNAL_ERROR
                    : message instanceof String text && !text.isBlank() ? text : "the request was refused");
        } else {
            problem = ApiProblem.of(404, "not_found", ProblemHandler.NO_OPERATION);
        }
        nameFailedPath(problem, request);
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    /**
     * A problem of the handler's, for the failed request: its path as the instance, and always
     * problem+json (the failed request may have set another content type before it failed).
     */
    private static ResponseEntity<ProblemDetail> asProblem(ResponseEntity<ProblemDetail> answer, HttpServletRequest request) {
        nameFailedPath(answer.getBody(), request);
        return ResponseEntity.status(answer.getStatusCode()).headers(answer.getHeaders())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(answer.getBody());
    }

    /** The failed request's path as the problem's instance (not the error page's). */
    private static void nameFailedPath(ProblemDetail problem, HttpServletRequest request) {
        if (request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String failedPath) {
            try {
                problem.setInstance(URI.create(failedPath));
            } catch (IllegalArgumentException notAUri) {
                // a raw path URI refuses: Spring MVC names the error page as the instance instead
            }
        }
    }
}
