package org.stockledger.support;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Map;

/**
 * Refuses URLs an org configures for the service to call (webhook endpoints, POS feeds) when they
 * would let it reach the service's own network (SSRF): a host that resolves to a loopback,
 * private, link-local, unique-local, unspecified or multicast address, and for webhooks plain
 * http. With {@code allowPrivate} (development and tests) http and such hosts pass. Callers check
 * again right before each request, since DNS answers change, and connect through
 * {@link OutboundHttp}, whose resolver applies the same rule to the addresses it connects to.
 */
public final class UrlGuard {

    public static final int URL_LENGTH_MAX = 2048;

    private UrlGuard() {
    }

    /** A webhook endpoint: https and a public host (unless allowPrivate); else a 400 naming the problem. */
    public static URI requireDeliverableUrl(String url, boolean allowPrivate) {
        return requireOutboundUrl(url, true, allowPrivate);
    }

    /** An http(s) URL whose host is public (unless allowPrivate); https only when {@code httpsOnly}. */
    public static URI requireOutboundUrl(String url, boolean httpsOnly, boolean allowPrivate) {
        if (url == null || url.isBlank()) {
            throw new DomainException(400, "missing_field", "url is required", "url", Map.of());
        }
        if (url.length() > URL_LENGTH_MAX) {
            throw DomainException.invalidField("url", "url must be at most " + URL_LENGTH_MAX + " characters");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException malformed) {
            throw new DomainException(400, "invalid_url", "url is not a valid absolute URL", "url", Map.of());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new DomainException(400, "invalid_url", "url must be an absolute https URL with a host", "url", Map.of());
        }
        if (uri.getUserInfo() != null) {
            throw new DomainException(400, "invalid_url", "url must not carry user credentials", "url", Map.of());
        }
        if (httpsOnly && !allowPrivate && !scheme.equals("https")) {
            throw new DomainException(400, "insecure_url", "url must use https", "url", Map.of());
        }
        if (!allowPrivate) {
            requirePublicHost(uri.getHost());
        }
        return uri;
    }

    /** Throws when the host resolves to any address a public endpoint never has. */
    public static void requirePublicHost(String host) {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
        } catch (UnknownHostException unknown) {
            throw new DomainException(400, "unresolvable_url", "the url's host " + host + " does not resolve", "url", Map.of());
        }
        for (InetAddress address : addresses) {
            if (isNonPublic(address)) {
                throw new DomainException(400, "private_url",
                        "the url's host resolves to a loopback, private, link-local or otherwise non-public address ("
                                + address.getHostAddress() + ")",
                        "url", Map.of("address", address.getHostAddress()));
            }
        }
    }

    static boolean isNonPublic(InetAddress address) {
        if (address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = bytes[0] & 0xff;
            int second = bytes[1] & 0xff;
            return first == 0 // this network
                    || first == 100 && second >= 64 && second <= 127 // carrier-grade NAT
                    || first == 192 && second == 0 && (bytes[2] & 0xff) == 0 // IETF protocol assignments
                    || first == 198 && (second == 18 || second == 19) // benchmarking
                    || first >= 240; // reserved and broadcast
        }
        if (address instanceof Inet6Address) {
            int first = bytes[0] & 0xff;
            int second = bytes[1] & 0xff;
            if ((first & 0xfe) == 0xfc) {
                return true; // unique local fc00::/7
            }
            if (first == 0x20 && second == 0x01 && bytes[2] == 0 && bytes[3] == 0) {
                return true; // Teredo 2001::/32 (tunnels to an IPv4 address it obscures)
            }
            if (first == 0x20 && second == 0x01 && (bytes[2] & 0xff) == 0x0d && (bytes[3] & 0xff) == 0xb8) {
                return true; // documentation 2001:db8::/32
            }
            if (first == 0x01 && second == 0x00 && allZero(bytes, 2, 8)) {
                return true; // discard-only 100::/64
            }
            if (first == 0x00 && second == 0x64 && (bytes[2] & 0xff) == 0xff && (bytes[3] & 0xff) == 0x9b) {
                // NAT64: 64:ff9b::/96 carries the IPv4 target in its last 4 bytes; the local-use
                // 64:ff9b:1::/48 translates to whatever the operator's network chose.
                return !allZero(bytes, 4, 12) || isNonPublicIpv4(bytes, 12);
            }
            if (first == 0x20 && second == 0x02) {
                return isNonPublicIpv4(bytes, 2); // 6to4 2002::/16 routes to the IPv4 address in bytes 2 to 5
            }
            if (allZero(bytes, 0, 10) && (bytes[10] & 0xff) == 0xff && (bytes[11] & 0xff) == 0xff) {
                return isNonPublicIpv4(bytes, 12); // IPv4-mapped ::ffff:a.b.c.d
            }
            if (allZero(bytes, 0, 12)) {
                return isNonPublicIpv4(bytes, 12); // IPv4-compatible ::a.b.c.d (deprecated, still routed by some stacks)
            }
        }
        return false;
    }

    /** The IPv4 address in {@code bytes[from]} to {@code bytes[from + 3]}, as {@link #isNonPublic} judges it. */
    private static boolean isNonPublicIpv4(byte[] bytes, int from) {
        try {
            return isNonPublic(InetAddress.getByAddress(new byte[] {bytes[from], bytes[from + 1], bytes[from + 2], bytes[from + 3]}));
        } catch (UnknownHostException impossible) {
            return true;
        }
    }

    private static boolean allZero(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
