package org.stockledger.support;

import java.io.IOException;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.util.Timeout;

/**
 * HTTP clients for the URLs orgs configure for the service to call (webhook endpoints, POS
 * feeds). Such a client connects only to the addresses its resolver has checked
 * ({@link PublicAddresses}): the host's name is resolved once per connection, every address is
 * checked with {@link UrlGuard}'s rules, and the connection goes to those same addresses. A
 * check of the name ahead of the request alone would leave a window in which a DNS answer that
 * changes (DNS rebinding) points the request into the service's own network. No redirects are
 * followed and no request is retried. {@link #exchange} bounds a whole exchange in time, the
 * reading of the answer included, and the answer in size.
 */
public final class OutboundHttp {

    /** Open connections to one host (a webhook round sends up to 50 deliveries at once), and in all. */
    static final int CONNECTIONS_PER_HOST_MAX = 50;
    static final int CONNECTIONS_MAX = 200;

    private static final ScheduledExecutorService DEADLINES = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("outbound-http-deadlines").factory());

    private OutboundHttp() {
    }

    /** An answer: its status and its first bytes, all of them when {@code complete}. */
    public record Answer(int status, byte[] head, boolean complete) {
    }

    /** The exchange's time ran out, or connecting or a read timed out. */
    public static final class TimedOut extends IOException {

        TimedOut(IOException cause) {
            super(cause);
        }
    }

    /**
     * Sends {@code request} and reads at most {@code bytesMax} bytes of the answer, the whole
     * exchange within {@code timeout}: when it passes, the request is aborted and whatever waits
     * on it (connecting, sending, reading) fails. An answer read to its end gives its connection
     * back to the pool; a longer one is dropped rather than read on, however much follows.
     *
     * @throws TimedOut when the time ran out; any other failure as the client threw it
     */
    public static Answer exchange(CloseableHttpClient http, HttpUriRequestBase request, Duration timeout, int bytesMax)
            throws IOException {
        ClassicHttpResponse response = null;
        boolean complete = false;
        Deadline deadline = new Deadline(request, timeout);
        try (deadline) {
            response = http.executeOpen(null, request, null);
            HttpEntity entity = response.getEntity();
            // The stream is left open: closing it would read the answer to its end.
            byte[] read = entity == null ? new byte[0] : entity.getContent().readNBytes(bytesMax + 1);
            complete = read.length <= bytesMax;
            return new Answer(response.getCode(), complete ? read : Arrays.copyOf(read, bytesMax), complete);
        } catch (IOException failure) {
            if (deadline.expired() || failure instanceof ConnectTimeoutException || failure instanceof SocketTimeoutException) {
                throw new TimedOut(failure);
            }
            throw failure;
        } finally {
            if (!complete) {
                request.abort();
            }
            if (response != null) {
                try {
                    response.close();
                } catch (IOException alreadyDropped) {
                    // an aborted connection is closed already; nothing is left to release
                }
            }
        }
    }

    /** The end of an exchange's time: aborts the request unless closed before. */
    private static final class Deadline implements AutoCloseable {

        private final AtomicBoolean expired = new AtomicBoolean();
        private final ScheduledFuture<?> abort;

        Deadline(HttpUriRequestBase request, Duration timeout) {
            this.abort = DEADLINES.schedule(() -> {
                expired.set(true);
                request.abort();
            }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        }

        boolean expired() {
            return expired.get();
        }

        @Override
        public void close() {
            abort.cancel(false);
        }
    }

    /**
     * A client that connects within {@code timeout}, waits at most {@code timeout} for each read
     * of an answer, and, unless {@code allowPrivate} (development and tests), refuses to connect
     * to a host with any non-public address.
     */
    public static CloseableHttpClient client(Duration timeout, boolean allowPrivate) {
        return client(timeout, allowPrivate ? SystemDefaultDnsResolver.INSTANCE : new PublicAddresses(SystemDefaultDnsResolver.INSTANCE));
    }

    /** A client that connects to the addresses {@code resolver} gives (package-private for the tests). */
    static CloseableHttpClient client(Duration timeout, DnsResolver resolver) {
        Timeout bound = Timeout.of(timeout);
        return HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(resolver)
                        .setMaxConnPerRoute(CONNECTIONS_PER_HOST_MAX)
                        .setMaxConnTotal(CONNECTIONS_MAX)
                        .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(bound).setSocketTimeout(bound).build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(bound)
                        .setResponseTimeout(bound)
                        .setRedirectsEnabled(false)
                        .build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .build();
    }

    /** Resolves a host through {@code names} and refuses it, naming the address, when any of its addresses is not public. */
    public static final class PublicAddresses implements DnsResolver {

        private final DnsResolver names;

        public PublicAddresses(DnsResolver names) {
            this.names = names;
        }

        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            InetAddress[] addresses = names.resolve(host);
            for (InetAddress address : addresses) {
                if (UrlGuard.isNonPublic(address)) {
                    throw new NonPublicAddressException(host, address);
                }
            }
            return addresses;
        }

        @Override
        public String resolveCanonicalHostname(String host) throws UnknownHostException {
            return names.resolveCanonicalHostname(host);
        }
    }

    /** A host that resolved to a loopback, private, link-local or otherwise non-public address: no connection was made. */
    public static final class NonPublicAddressException extends UnknownHostException {

        NonPublicAddressException(String host, InetAddress address) {
            super(host + " resolves to a loopback, private, link-local or otherwise non-public address ("
                    + address.getHostAddress() + "); not connecting");
        }
    }
}
