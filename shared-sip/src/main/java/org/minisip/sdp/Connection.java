package org.minisip.sdp;

import java.util.Objects;

/**
 * A {@code c=} line (RFC 4566 §5.7): {@code IN <addrtype> <address>[/ttl][/count]}. The multicast suffix is
 * kept verbatim for formatting.
 */
record Connection(String addrType, String address, String suffix) {
    Connection {
        Objects.requireNonNull(addrType);
        Objects.requireNonNull(address);
        Objects.requireNonNull(suffix);
    }

    /** A unicast connection for an IP literal; IPv6 when it contains ':'. */
    static Connection of(String address) {
        return new Connection(addrTypeOf(address), address, "");
    }

    static String addrTypeOf(String address) {
        return address.indexOf(':') >= 0 ? "IP6" : "IP4";
    }

    /** Parses the value after {@code c=}; returns null if malformed. */
    static Connection parse(String value) {
        String[] f = value.trim().split(" +");
        if (f.length != 3 || !f[0].equals("IN") || f[2].isEmpty()) {
            return null;
        }
        int slash = f[2].indexOf('/');
        String addr = slash < 0 ? f[2] : f[2].substring(0, slash);
        String suffix = slash < 0 ? "" : f[2].substring(slash);
        return addr.isEmpty() ? null : new Connection(f[1], addr, suffix);
    }

    String format() {
        return "IN " + addrType + " " + address + suffix;
    }

    /** "0.0.0.0" (RFC 2543 hold) or the IPv6 unspecified address. */
    boolean isUnspecified() {
        return address.equals("0.0.0.0") || address.equals("::") || address.matches("(0{0,4}:){2,7}0{0,4}");
    }
}
