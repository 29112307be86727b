package org.minisip.server.sip;

import static org.assertj.core.api.Assertions.assertThat;

import gov.nist.javax.sip.header.HeaderFactoryImpl;
import gov.nist.javax.sip.message.SIPRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The headers every response carries, built from objects (not parsed per message) but the same on the wire. */
class ResponderHeadersTest {
    @Test
    void serverHeaderBuiltFromTheProductEncodesAsBefore() throws Exception {
        HeaderFactoryImpl f = new HeaderFactoryImpl();
        assertThat(f.createServerHeader(List.of(SipContext.SERVER_NAME)).toString())
                .isEqualTo(f.createHeader("Server", SipContext.SERVER_NAME).toString())
                .isEqualTo("Server: minisip-server\r\n");
    }

    @Test
    void allowListsEveryMethodOnce() {
        SIPRequest m = new SIPRequest();
        SipContext.addAllow(new HeaderFactoryImpl(), m);
        assertThat(m.getHeaders("Allow")).toIterable().map(h -> ((javax.sip.header.AllowHeader) h).getMethod())
                .containsExactly(SipContext.ALLOW.split(",\\s*"));
    }
}
