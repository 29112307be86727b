package org.minisip.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class IpRangeTest {
    private static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    @Test
    void ipv4CidrMatchesInsideOnly() throws Exception {
        IpRange r = IpRange.parse("192.0.2.64/26");
        assertThat(r.contains(ip("192.0.2.64"))).isTrue();
        assertThat(r.contains(ip("192.0.2.127"))).isTrue();
        assertThat(r.contains(ip("192.0.2.128"))).isFalse();
        assertThat(r.contains(ip("192.0.2.63"))).isFalse();
    }

    @Test
    void singleAddressesAndWholeSpace() throws Exception {
        assertThat(IpRange.parse("10.1.2.3").contains(ip("10.1.2.3"))).isTrue();
        assertThat(IpRange.parse("10.1.2.3").contains(ip("10.1.2.4"))).isFalse();
        assertThat(IpRange.parse("0.0.0.0/0").contains(ip("203.0.113.9"))).isTrue();
    }

    @Test
    void ipv6CidrAndFamiliesDoNotMix() throws Exception {
        IpRange r = IpRange.parse("2001:db8::/32");
        assertThat(r.contains(ip("2001:db8:ffff::1"))).isTrue();
        assertThat(r.contains(ip("2001:db9::1"))).isFalse();
        assertThat(r.contains(ip("192.0.2.1"))).isFalse();
        assertThat(IpRange.parse("::1").contains(ip("0:0:0:0:0:0:0:1"))).isTrue();
        assertThat(IpRange.parse("fe80::/10").contains(ip("febf::1"))).isTrue();
        assertThat(IpRange.parse("fe80::/10").contains(ip("fec0::1"))).isFalse();
        assertThat(IpRange.parse("192.0.2.0/24").contains(ip("::ffff:192.0.2.5"))).as("v4-mapped is v4").isTrue();
    }

    @Test
    void rejectsNamesAndBadPrefixes() {
        assertThatThrownBy(() -> IpRange.parse("example.com")).hasMessageContaining("not an IPv4/IPv6");
        assertThatThrownBy(() -> IpRange.parse("10.0.0.0/33")).hasMessageContaining("prefix length must be 0-32");
        assertThatThrownBy(() -> IpRange.parse("::/129")).hasMessageContaining("0-128");
        assertThatThrownBy(() -> IpRange.parse("10.0.0.0/x")).hasMessageContaining("prefix");
    }
}
