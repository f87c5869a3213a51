package org.stockledger.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.stockledger.support.DomainException;

/** The SSRF guard: non-public targets and plain http are refused unless private targets are allowed. */
class UrlGuardTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "https://127.0.0.1/hook", "https://localhost/hook", "https://[::1]/hook", "https://10.1.2.3/hook",
            "https://172.16.0.1/hook", "https://192.168.1.1/hook", "https://169.254.169.254/latest/meta-data",
            "https://[fe80::1]/hook", "https://[fd00::1]/hook", "https://0.0.0.0/hook", "https://224.0.0.1/hook",
            "https://100.64.0.1/hook", "https://[::ffff:127.0.0.1]/hook", "https://2130706433/hook",
            // IPv6 forms that carry a non-public IPv4 address: IPv4-compatible, NAT64, 6to4
            "https://[::127.0.0.1]/hook", "https://[::a9fe:a9fe]/hook", "https://[64:ff9b::a9fe:a9fe]/latest",
            "https://[64:ff9b::10.0.0.1]/hook", "https://[2002:7f00:1::1]/hook", "https://[2002:c0a8:101::1]/hook",
            // and prefixes that lead nowhere public: NAT64 local use, Teredo, documentation, discard
            "https://[64:ff9b:1::5db8:d70e]/hook", "https://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/hook",
            "https://[2001:db8::1]/hook", "https://[100::1]/hook"})
    void nonPublicTargetsAreRefused(String url) {
        assertThatThrownBy(() -> UrlGuard.requireDeliverableUrl(url, false))
                .isInstanceOfSatisfying(DomainException.class, refusal -> {
                    assertThat(refusal.status()).isEqualTo(400);
                    assertThat(refusal.code()).isIn("private_url", "invalid_url");
                    assertThat(refusal.field()).isEqualTo("url");
                });
        assertThat(UrlGuard.requireDeliverableUrl(url, true).toString()).isEqualTo(url);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://93.184.215.14/hook", "http://127.0.0.1/hook"})
    void plainHttpIsRefusedUnlessPrivateTargetsAreAllowed(String url) {
        assertThatThrownBy(() -> UrlGuard.requireDeliverableUrl(url, false))
                .isInstanceOfSatisfying(DomainException.class, refusal -> assertThat(refusal.code()).isEqualTo("insecure_url"));
        assertThat(UrlGuard.requireDeliverableUrl(url, true).getScheme()).isEqualTo("http");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://93.184.215.14/hook", "https://[2606:2800:21f:cb07:6820:80da:af6b:8b2c]/hook",
            "https://[64:ff9b::5db8:d70e]/hook", "https://[2002:5db8:d70e::1]/hook"})
    void publicAddressesPass(String url) {
        assertThat(UrlGuard.requireDeliverableUrl(url, false).toString()).isEqualTo(url);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://example.com/x", "https:///nohost", "/relative", "https://user:pw@93.184.215.14/x"})
    void malformedUrlsAreRefusedEvenWhenPrivateTargetsAreAllowed(String url) {
        assertThatThrownBy(() -> UrlGuard.requireDeliverableUrl(url, true))
                .isInstanceOfSatisfying(DomainException.class, refusal -> assertThat(refusal.code()).isEqualTo("invalid_url"));
    }
}
