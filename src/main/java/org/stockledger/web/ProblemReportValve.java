package org.stockledger.web;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import tools.jackson.databind.json.JsonMapper;

/**
 * Renders the errors Tomcat answers by itself as problem documents, in place of its HTML page.
 * Tomcat refuses some requests before they reach the service's filters and controllers: a path
 * with an encoded slash or backslash ({@code %2F}, {@code %5C}) or an escape that is not one
 * ({@code %zz}), a TRACE. Those never see {@link ProblemHandler}; this valve, in the host's
 * pipeline where Tomcat's own report valve stood, is what answers them.
 */
final class ProblemReportValve extends ErrorReportValve {

    private final JsonMapper json;

    ProblemReportValve(JsonMapper json) {
        this.json = json;
        setShowReport(false);
        setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0) {
            return;
        }
        AtomicBoolean writable = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, writable);
        if (!writable.get()) {
            return;
        }
        ProblemDetail problem = ApiProblem.of(status, ApiProblem.codeForStatus(status), detailFor(status, response.getMessage()));
        try {
            byte[] body = json.writeValueAsBytes(problem);
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
            response.finishResponse();
        } catch (IOException | IllegalStateException failure) {
            // The connection is gone or the response was taken as a writer: nothing more can be said.
        }
    }

    private static String detailFor(int status, String message) {
        if (status == 400) {
            return "the request cannot be read: its request line or headers are malformed or larger than the server "
                    + "accepts (8 KB in all), or its path holds an encoded slash or backslash (%2F, %5C) or an escape "
                    + "that is not %XX hex";
        }
        if (status >= 500) {
            return ProblemHandler.INTERNAL_ERROR;
        }
        return message != null && !message.isBlank() ? message : "the request was refused";
    }
}
