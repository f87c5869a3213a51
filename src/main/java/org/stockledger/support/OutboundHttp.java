package org.stockledger.support;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.util.Timeout;

/**
 * HTTP clients for the URLs orgs configure for the service to call (webhook endpoints, POS
 * feeds). Such a client connects only to the addresses its resolver has checked
 * ({@link PublicAddresses}): the host's name is resolved once per connection, every address is
 * checked with {@link UrlGuard}'s rules, and the connection goes to those same addresses. A
 * check of the name ahead of the request alone would leave a window in which a DNS answer that
 * changes (DNS rebinding) points the request into the service's own network. No redirects are
 * followed and no request is retried. A {@link Deadline} bounds a whole exchange, the reading of
 * the answer included.
 */
public final class OutboundHttp {

    /** Open connections to one host (a webhook round sends up to 50 deliveries at once), and in all. */
    static final int CONNECTIONS_PER_HOST_MAX = 50;
    static final int CONNECTIONS_MAX = 200;

    private static final ScheduledExecutorService DEADLINES = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("outbound-http-deadlines").factory());

    private OutboundHttp() {
    }

    /**
     * Aborts {@code request} when {@code timeout} has passed before the deadline is closed: its
     * connection is shut, and whatever is waiting on it (connecting, sending, reading) fails.
     */
    public static Deadline abortAfter(HttpUriRequestBase request, Duration timeout) {
        return new Deadline(request, timeout);
    }

    /**
     * Ends an exchange, never throwing: the connection of an answer read to its end goes back to the
     * pool; any other is dropped (the request aborted) rather than read on, however much follows.
     *
     * @param response null when none came
     */
    public static void end(HttpUriRequestBase request, ClassicHttpResponse response, boolean readToEnd) {
        if (!readToEnd) {
            request.abort();
        }
        if (response == null) {
            return;
        }
        try {
            response.close();
        } catch (IOException alreadyDropped) {
            // an aborted connection is closed already; nothing is left to release
        }
    }

    /** The end of an exchange's time; close it when the exchange is over. */
    public static final class Deadline implements AutoCloseable {

        private final AtomicBoolean expired = new AtomicBoolean();
        private final ScheduledFuture<?> abort;

        private Deadline(HttpUriRequestBase request, Duration timeout) {
            this.abort = DEADLINES.schedule(() -> {
                expired.set(true);
                request.abort();
            }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        }

        /** Whether the time ran out (the request was aborted for it). */
        public boolean expired() {
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
