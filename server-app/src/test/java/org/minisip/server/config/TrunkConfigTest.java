package org.minisip.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TrunkConfigTest {
    private final ConfigLoader loader = new ConfigLoader();

    @Test
    void issueExampleIsReadWithItsDefaults() throws Exception {
        ServerConfig c = loader.parse("s.yaml", """
                trunks:
                  - name: carrier
                    registrar: "sip.example.net:5070"
                    transport: udp
                    username: "8801"
                    password: "pw"
                    register: true
                    same-call-id: false
                    outbound-prefix: "9"
                    use-tel-uri: true
                    request-uri-params: ";user=phone"
                    no-answer-seconds: 45
                    inbound-to: "101"
                  - name: gateway
                    address: "192.0.2.10"
                    outbound-prefix: "8"
                """);
        TrunkConfig carrier = c.trunks().get(0);
        assertThat(carrier.host()).isEqualTo("sip.example.net");
        assertThat(carrier.port()).isEqualTo(5070);
        assertThat(carrier.register()).isTrue();
        assertThat(carrier.sameCallId()).isFalse();
        assertThat(carrier.useTelUri()).isTrue();
        assertThat(carrier.requestUriParams()).isEqualTo("user=phone");
        assertThat(carrier.noAnswerSeconds()).isEqualTo(45);
        assertThat(carrier.inboundTo()).isEqualTo("101");
        assertThat(carrier.registerExpires()).isEqualTo(3600);
        TrunkConfig gw = c.trunks().get(1);
        assertThat(gw.gateway()).isTrue();
        assertThat(gw.register()).isFalse();
        assertThat(gw.port()).isEqualTo(5060);
        assertThat(gw.sameCallId()).isTrue();
        assertThat(gw.requestUriParams()).isEmpty();
        assertThat(c.callback().port()).isEqualTo(5080);
        assertThat(c.callback().applicationServer()).isEqualTo("127.0.0.1");
    }

    @Test
    void tlsTrunkDefaultsTo5061AndIpv6LiteralsParse() throws Exception {
        ServerConfig c = loader.parse("s.yaml", """
                trunks:
                  - {name: a, registrar: "[2001:db8::1]", transport: TLS}
                  - {name: b, address: "[2001:db8::2]:5080"}
                """);
        assertThat(c.trunks().get(0).port()).isEqualTo(5061);
        assertThat(c.trunks().get(0).hostPort()).isEqualTo("[2001:db8::1]:5061");
        assertThat(c.trunks().get(1).host()).isEqualTo("2001:db8::2");
        assertThat(c.trunks().get(1).port()).isEqualTo(5080);
    }

    @Test
    void badTrunksAreRejectedNamingTheKey() {
        assertBad("trunks:\n  - {name: a}\n", "trunks[0]: needs exactly one of 'registrar'");
        assertBad("trunks:\n  - {name: a, registrar: x, address: y}\n", "trunks[0]: needs exactly one");
        assertBad("trunks:\n  - {name: a, registrar: x, register: true}\n", "trunks[0].register: registration needs");
        assertBad("trunks:\n  - {name: a, address: x, username: u, password: p, register: true}\n",
                "trunks[0].register: an 'address' gateway does not register");
        assertBad("trunks:\n  - {name: a, registrar: x, password: p}\n", "trunks[0].password: is set but");
        assertBad("trunks:\n  - {name: a, registrar: x, outbound-prefix: 9a}\n", "trunks[0].outbound-prefix");
        assertBad("trunks:\n  - {name: a, registrar: \"x:99999\"}\n", "trunks[0].registrar: 'x:99999' has a bad port");
        assertBad("trunks:\n  - {name: a, registrar: x, transport: sctp}\n", "trunks[0].transport");
        assertBad("trunks:\n  - {name: a, registrar: x, use-tel-uri: yes please}\n", "trunks[0].use-tel-uri");
        assertBad("trunks:\n  - {name: a, registrar: x, request-uri-params: \"a b\"}\n",
                "trunks[0].request-uri-params");
        assertBad("trunks:\n  - {name: a, registrar: x, colour: red}\n", "trunks[0].colour: unknown key");
        assertBad("trunks:\n  - {name: a, registrar: x}\n  - {name: a, registrar: y}\n", "duplicate trunk name a");
        assertBad("trunks:\n  - {name: a, registrar: x, outbound-prefix: '9'}\n"
                + "  - {name: b, registrar: y, outbound-prefix: '9'}\n", "prefix '9' is already used");
        assertBad("callback:\n  application-server: example.org\n", "callback.application-server");
        assertBad("callback:\n  port: 70000\n", "callback.port");
    }

    private void assertBad(String yaml, String message) {
        assertThatThrownBy(() -> loader.parse("s.yaml", yaml)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("s.yaml: ").hasMessageContaining(message);
    }
}
