package org.minisip.server.trunk;

import static org.assertj.core.api.Assertions.assertThat;

import gov.nist.javax.sip.address.AddressFactoryImpl;
import javax.sip.address.AddressFactory;
import org.junit.jupiter.api.Test;

class InboundPolicyTest {
    private final AddressFactory af = new AddressFactoryImpl();

    @Test
    void withADomainOnlyItsOwnHostsAreLocalAnyHostWithout() throws Exception {
        assertThat(InboundPolicy.localDomain(af.createURI("sip:101@Example.COM"), "example.com")).isTrue();
        assertThat(InboundPolicy.localDomain(af.createURI("sip:101@192.0.2.1:5060"), "example.com")).isTrue();
        assertThat(InboundPolicy.localDomain(af.createURI("sip:101@[2001:db8::1]"), "example.com")).isTrue();
        assertThat(InboundPolicy.localDomain(af.createURI("tel:+15550100"), "example.com")).isTrue();
        assertThat(InboundPolicy.localDomain(af.createURI("sip:00442079460000@evil.example"), "example.com"))
                .isFalse();
        assertThat(InboundPolicy.localDomain(af.createURI("sip:101@anything.example"), null)).isTrue();
    }
}
