package org.minisip.server.trunk;

import javax.sip.address.SipURI;
import javax.sip.address.TelURL;
import javax.sip.address.URI;

/** Telephone numbers in Request-URIs of calls from trunks (RFC 3966 §5.1.1 visual separators removed). */
public final class Numbers {
    private Numbers() {
    }

    /**
     * The dialled number of a {@code sip:} or {@code tel:} URI with visual separators ({@code - . ( )} and
     * spaces) removed and a global number's {@code +} kept: {@code tel:+1-201-555-0123} gives
     * {@code +12015550123}, {@code sip:(0)30.1234@gw;user=phone} gives {@code 0301234}. Null for other schemes or
     * an empty user.
     */
    public static String of(URI uri) {
        String raw;
        if (uri instanceof TelURL t) {
            raw = (t.isGlobal() ? "+" : "") + t.getPhoneNumber();
        } else if (uri instanceof SipURI s) {
            raw = s.getUser();
        } else {
            return null;
        }
        if (raw == null) {
            return null;
        }
        String n = normalise(raw);
        return n.isEmpty() ? null : n;
    }

    /** Removes RFC 3966 visual separators and blanks; "++" style doubles are not repaired. */
    public static String normalise(String number) {
        String n = number.replaceAll("[-.() \\t]", "");
        if (n.startsWith("+") && n.length() > 1 && n.charAt(1) == '+') {
            n = n.substring(1);
        }
        return n;
    }
}
