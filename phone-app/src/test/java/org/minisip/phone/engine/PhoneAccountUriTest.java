package org.minisip.phone.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.minisip.sip.stack.Transport;

class PhoneAccountUriTest {

    @Test
    void defaultsToUdpOn5060AndAorWithoutPort() {
        AccountUri a = AccountUri.parse("sip:100@pbx.example.com");
        assertThat(a.transport()).isEqualTo(Transport.UDP);
        assertThat(a.port()).isEqualTo(5060);
        assertThat(a.aor()).isEqualTo("sip:100@pbx.example.com");
        assertThat(a.domain()).isEqualTo("pbx.example.com");
        assertThat(a.proxyHop()).isEqualTo("pbx.example.com:5060/udp");
    }

    @Test
    void tlsDefaultsTo5061AndExplicitPortIsKeptInTheRequestUriHost() {
        AccountUri a = AccountUri.parse("sip:101@127.0.0.1:15061;transport=TLS");
        assertThat(a.transport()).isEqualTo(Transport.TLS);
        assertThat(a.port()).isEqualTo(15061);
        assertThat(a.aor()).isEqualTo("sip:101@127.0.0.1");
        assertThat(a.domain()).isEqualTo("127.0.0.1:15061");
        assertThat(a.proxyHop()).isEqualTo("127.0.0.1:15061/tls");
        assertThat(AccountUri.parse("sip:1@h;transport=tls").port()).isEqualTo(5061);
    }

    @Test
    void ipv6HostsKeepTheirBrackets() {
        AccountUri a = AccountUri.parse("sip:1@[::1]:5070;transport=tcp");
        assertThat(a.host()).isEqualTo("[::1]");
        assertThat(a.socketHost()).isEqualTo("::1");
        assertThat(a.port()).isEqualTo(5070);
    }

    @Test
    void rejectsMalformedAccounts() {
        for (String bad : new String[] {"100@host", "sip:host", "sip:1@", "sip:1@h:0", "sip:1@h:99999",
                "sip:1@h;transport=sctp", "sip:1@h:x"}) {
            assertThatThrownBy(() -> AccountUri.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
