package org.minisip.phone.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.minisip.sip.stack.Transport;

/** The outbound proxy setting: forms accepted, transport defaulting to the account's, clear errors. */
class OutboundProxyTest {

    @Test
    void hostAloneTakesTheAccountTransportAndItsDefaultPort() {
        OutboundProxy p = OutboundProxy.parse("proxy.example.com", Transport.TLS);
        assertThat(p.hop()).isEqualTo("proxy.example.com:5061/tls");
        assertThat(p.routeUri()).isEqualTo("sip:proxy.example.com:5061;transport=tls;lr");
    }

    @Test
    void explicitPortAndTransportWin() {
        OutboundProxy p = OutboundProxy.parse("sip:10.0.0.1:5070;transport=tcp", Transport.UDP);
        assertThat(p.transport()).isEqualTo(Transport.TCP);
        assertThat(p.hop()).isEqualTo("10.0.0.1:5070/tcp");
        assertThat(p.toString()).isEqualTo("10.0.0.1:5070;transport=tcp");
    }

    @Test
    void ipv6InBrackets() {
        OutboundProxy p = OutboundProxy.parse("[::1]:5080", Transport.UDP);
        assertThat(p.socketHost()).isEqualTo("::1");
        assertThat(p.hop()).isEqualTo("[::1]:5080/udp");
    }

    @Test
    void badFormsAreRefusedWithTheExpectedShape() {
        assertThatThrownBy(() -> OutboundProxy.parse("proxy:0", Transport.UDP)).hasMessageContaining("HOST[:PORT]");
        assertThatThrownBy(() -> OutboundProxy.parse("bob@proxy", Transport.UDP)).hasMessageContaining("without a user");
        assertThatThrownBy(() -> OutboundProxy.parse("proxy;transport=sctp", Transport.UDP))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OutboundProxy.parse(" ", Transport.UDP)).hasMessageContaining("empty");
    }

    @Test
    void engineConfigSendsEverythingToTheProxyOverItsTransport() {
        PhoneConfig c = PhoneConfig.of(AccountUri.parse("sip:100@pbx.invalid"), "pw")
                .withOutboundProxy(OutboundProxy.parse("127.0.0.1:5070;transport=tcp", Transport.UDP));
        assertThat(c.transport()).isEqualTo(Transport.TCP);
        assertThat(c.nextHop()).isEqualTo("127.0.0.1:5070/tcp");
        assertThat(c.firstHopHost()).isEqualTo("127.0.0.1");
        PhoneConfig direct = PhoneConfig.of(AccountUri.parse("sip:100@pbx.example.com:5062"), "pw");
        assertThat(direct.nextHop()).isEqualTo("pbx.example.com:5062/udp");
    }
}
