package org.minisip.sip.stack;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** IP literal parsing without name lookups. */
final class Addresses {
    private Addresses() {
    }

    /** The address of an IP literal (IPv6 with or without brackets); null for anything else. Never uses DNS. */
    static InetAddress literal(String s) {
        if (s == null || s.isEmpty()) {
            return null;
        }
        String h = s.startsWith("[") && s.endsWith("]") ? s.substring(1, s.length() - 1) : s;
        boolean v4 = h.chars().allMatch(c -> (c >= '0' && c <= '9') || c == '.');
        boolean v6 = h.indexOf(':') >= 0 && h.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':'
                || c == '.' || c == '%' || Character.isLetterOrDigit(c));
        if (!v4 && !v6) {
            return null;
        }
        try {
            return InetAddress.getByName(h);
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
