package org.minisip.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class SecuritySectionTest {
    private final ConfigLoader loader = new ConfigLoader();

    @Test
    void defaultsAreOnWithoutConfiguration() throws Exception {
        SecurityConfig s = loader.parse("f", "").security();
        assertThat(s.maxFailures()).isEqualTo(5);
        assertThat(s.failureWindowSeconds()).isEqualTo(60);
        assertThat(s.banSeconds()).isEqualTo(3600);
        assertThat(s.floodRequests()).isPositive();
        assertThat(s.scannerUserAgents()).contains("friendly-scanner", "sipvicious", "sipcli");
        assertThat(s.limits().maxMessageBytes()).isEqualTo(65536);
        assertThat(s.limits().maxConnectionsPerIp()).isPositive();
    }

    @Test
    void everyKeyIsRead() throws Exception {
        SecurityConfig s = loader.parse("f", """
                security:
                  fail2ban: {max-failures: 3, window-seconds: 30, ban-seconds: 600}
                  flood: {max-requests: 50, window-seconds: 5}
                  whitelist: [10.0.0.0/8, "2001:db8::/32"]
                  blacklist: [192.0.2.7]
                  scanner-user-agents: [EvilScan]
                  call-blacklist:
                    - {caller-prefix: anonymous, called-prefix: "00", rate: 50}
                  limits: {max-message-bytes: 8192, max-headers: 64, max-line-bytes: 1024,
                           max-connections-per-ip: 10, idle-seconds: 120}
                  tls-reload-seconds: 5
                """).security();
        assertThat(s.maxFailures()).isEqualTo(3);
        assertThat(s.banSeconds()).isEqualTo(600);
        assertThat(s.floodRequests()).isEqualTo(50);
        assertThat(s.whitelist().contains(InetAddress.getByName("10.9.9.9"))).isTrue();
        assertThat(s.whitelist().contains(InetAddress.getByName("2001:db8::1"))).isTrue();
        assertThat(s.blacklist().contains(InetAddress.getByName("192.0.2.7"))).isTrue();
        assertThat(s.scannerUserAgents()).containsExactly("evilscan");
        assertThat(s.callBlacklist()).singleElement().satisfies(r -> {
            assertThat(r.matches("Anonymous", null, "0044")).isTrue();
            assertThat(r.matches("anonymous", null, "44")).isFalse();
            assertThat(r.ratePercent()).isEqualTo(50);
        });
        assertThat(s.limits().maxConnectionsPerIp()).isEqualTo(10);
        assertThat(s.tlsReloadSeconds()).isEqualTo(5);
    }

    @Test
    void badEntriesNameTheirKey() {
        assertThatThrownBy(() -> loader.parse("f", "security:\n  whitelist: [10.0.0.0/40]\n"))
                .hasMessageContaining("f: security.whitelist: '10.0.0.0/40': prefix length must be 0-32");
        assertThatThrownBy(() -> loader.parse("f", "security:\n  blacklist: [evil.example]\n"))
                .hasMessageContaining("security.blacklist");
        assertThatThrownBy(() -> loader.parse("f", "security:\n  fail2ban: {max-fails: 3}\n"))
                .hasMessageContaining("security.fail2ban.max-fails: unknown key");
        assertThatThrownBy(() -> loader.parse("f", "security:\n  call-blacklist: [{rate: 10}]\n"))
                .hasMessageContaining("security.call-blacklist[0]: needs a caller-prefix or a called-prefix");
        assertThatThrownBy(() -> loader.parse("f", "security:\n  call-blacklist: [{caller-prefix: a, rate: 0}]\n"))
                .hasMessageContaining("security.call-blacklist[0].rate: must be between 1 and 100");
        assertThatThrownBy(() -> loader.parse("f", "security:\n  limits: {max-message-bytes: 10}\n"))
                .hasMessageContaining("security.limits.max-message-bytes");
    }
}
