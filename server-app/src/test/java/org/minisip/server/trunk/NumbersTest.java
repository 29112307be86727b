package org.minisip.server.trunk;

import static org.assertj.core.api.Assertions.assertThat;

import gov.nist.javax.sip.address.AddressFactoryImpl;
import java.time.Clock;
import javax.sip.address.AddressFactory;
import org.junit.jupiter.api.Test;
import org.minisip.server.config.ConfigLoader;

class NumbersTest {
    private final AddressFactory af = new AddressFactoryImpl();

    @Test
    void rfc3966VisualSeparatorsAreRemovedAndThePlusKept() throws Exception {
        assertThat(Numbers.of(af.createURI("tel:+1-201-555-0123"))).isEqualTo("+12015550123");
        assertThat(Numbers.of(af.createURI("tel:7042;phone-context=example.com"))).isEqualTo("7042");
        assertThat(Numbers.of(af.createURI("tel:(030)123.45-67;phone-context=+49"))).isEqualTo("030123.4567"
                .replace(".", ""));
        assertThat(Numbers.of(af.createURI("sip:+49-30-1234@gw.example;user=phone"))).isEqualTo("+49301234");
        assertThat(Numbers.of(af.createURI("sip:101@pbx"))).isEqualTo("101");
        assertThat(Numbers.of(af.createURI("sip:pbx.example"))).isNull();
    }

    @Test
    void longestOutboundPrefixWinsAndThePrefixAloneIsNoNumber() throws Exception {
        Trunks t = new Trunks(new ConfigLoader().parse("s", """
                trunks:
                  - {name: a, address: 127.0.0.1, outbound-prefix: "9"}
                  - {name: b, address: 127.0.0.1, outbound-prefix: "90"}
                """).trunks(), Clock.systemUTC());
        assertThat(t.outbound("9123")).get().extracting(OutboundTarget::number).isEqualTo("123");
        assertThat(t.outbound("90123")).get().satisfies(o -> {
            assertThat(o.trunk().name()).isEqualTo("b");
            assertThat(o.number()).isEqualTo("123");
        });
        assertThat(t.outbound("9")).isEmpty();
        assertThat(t.outbound("100")).isEmpty();
        assertThat(t.from("127.0.0.1")).get().extracting(c -> c.name()).isEqualTo("a");
        assertThat(t.from("127.0.0.2")).isEmpty();
    }
}
