package org.minisip.server.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * One address or CIDR block, IPv4 or IPv6 ({@code 192.0.2.7}, {@code 10.0.0.0/8}, {@code 2001:db8::/32}).
 * Immutable. IPv4 ranges never match IPv6 addresses (Java already turns {@code ::ffff:a.b.c.d} into IPv4).
 */
public record IpRange(byte[] network, int prefix, String text) {

    /** Parses an address or CIDR block; IllegalArgumentException with a readable reason otherwise. No DNS. */
    public static IpRange parse(String s) {
        String t = s.trim();
        int slash = t.indexOf('/');
        String addr = slash < 0 ? t : t.substring(0, slash);
        if (!addr.matches("[0-9A-Fa-f.:]+") || !(addr.contains(".") || addr.contains(":"))) {
            throw new IllegalArgumentException("'" + s + "' is not an IPv4/IPv6 address or CIDR block");
        }
        byte[] bytes;
        try {
            bytes = InetAddress.getByName(addr).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + s + "' is not an IPv4/IPv6 address or CIDR block");
        }
        int bits = bytes.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            String p = t.substring(slash + 1);
            if (!p.matches("\\d{1,3}") || Integer.parseInt(p) > bits) {
                throw new IllegalArgumentException("'" + s + "': prefix length must be 0-" + bits);
            }
            prefix = Integer.parseInt(p);
        }
        return new IpRange(mask(bytes, prefix), prefix, t);
    }

    public boolean contains(InetAddress a) {
        byte[] b = a.getAddress();
        return b.length == network.length && Arrays.equals(mask(b, prefix), network);
    }

    private static byte[] mask(byte[] in, int prefix) {
        byte[] out = in.clone();
        for (int i = 0; i < out.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - i * 8));
            out[i] &= (byte) (0xff << (8 - keep));
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IpRange r && r.prefix == prefix && Arrays.equals(r.network, network);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(network) * 31 + prefix;
    }

    @Override
    public String toString() {
        return text;
    }
}
