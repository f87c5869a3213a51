package org.stockledger.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads the body of every API request with one up front, bounded by
 * {@code stockledger.http.body-size-max} (413 {@code payload_too_large} past it), and keeps it
 * so it can be read again (the Idempotency-Key fingerprint needs it before the controller).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
public class RequestBodyFilter extends OncePerRequestFilter {

    private final int bodySizeMax;
    private final ProblemWriter problems;

    public RequestBodyFilter(@Value("${stockledger.http.body-size-max:1MB}") DataSize bodySizeMax, ProblemWriter problems) {
        this.bodySizeMax = (int) bodySizeMax.toBytes();
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/api/") || "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long declared = request.getContentLengthLong();
        if (declared > bodySizeMax) {
            tooLarge(response);
            return;
        }
        // A declared length (the usual case) is read into an array of that size; a chunked body
        // of unknown length in buffers up to one past the limit.
        byte[] body = declared >= 0 ? readDeclared(request.getInputStream(), (int) declared)
                : request.getInputStream().readNBytes(bodySizeMax + 1);
        if (body.length > bodySizeMax) {
            tooLarge(response);
            return;
        }
        chain.doFilter(new CachedBodyRequest(request, body), response);
    }

    private static byte[] readDeclared(InputStream in, int length) throws IOException {
        byte[] body = new byte[length];
        int read = in.readNBytes(body, 0, length);
        return read == length ? body : Arrays.copyOf(body, read);
    }

    private void tooLarge(HttpServletResponse response) throws IOException {
        response.setHeader("Connection", "close");
        problems.write(response, ApiProblem.of(413, "payload_too_large",
                "the request body exceeds the limit of " + bodySizeMax + " bytes"));
    }

    /** A request whose body was read once and can be read again. */
    public static final class CachedBodyRequest extends HttpServletRequestWrapper {

        private final byte[] body;

        CachedBodyRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        public byte[] body() {
            return body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream bytes = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return bytes.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the body is already read");
                }

                @Override
                public int read() {
                    return bytes.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) {
                    return bytes.read(buffer, offset, length);
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
