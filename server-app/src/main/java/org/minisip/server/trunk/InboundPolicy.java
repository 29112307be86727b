package org.minisip.server.trunk;

import java.util.Locale;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.FromHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.minisip.server.config.TrunkConfig;

/**
 * Who may call what: calls arriving from a trunk go to its {@code inbound-to} or to the dialled number; calls from
 * anywhere else must name our domain (when one is configured) and then authenticate as an extension, so the
 * server is never an open relay.
 */
public final class InboundPolicy {
    private InboundPolicy() {
    }

    /** The extension a call from {@code trunk} goes to: {@code inbound-to}, else the normalised dialled number. */
    public static String calleeNumber(Request invite, TrunkConfig trunk) {
        return trunk.inboundTo() != null ? trunk.inboundTo() : Numbers.of(invite.getRequestURI());
    }

    /** The calling number of a call from a trunk (From user, separators removed), or {@code anonymous}. */
    public static String callerNumber(Request invite) {
        String n = Numbers.of(((FromHeader) invite.getHeader(FromHeader.NAME)).getAddress().getURI());
        return n == null ? "anonymous" : n;
    }

    /**
     * True when a Request-URI from a non-trunk source is for us: any with no {@code sip.domain} configured, else a
     * {@code tel:} URI or a sip: URI whose host is the domain, an IP literal or {@code localhost}.
     */
    public static boolean localDomain(URI requestUri, String domain) {
        if (domain == null || !(requestUri instanceof SipURI s)) {
            return true;
        }
        String host = s.getHost().toLowerCase(Locale.ROOT);
        return host.equals(domain.toLowerCase(Locale.ROOT)) || host.equals("localhost")
                || host.matches("[0-9.]+") || host.startsWith("[") || host.contains(":");
    }

    /** Sets a reason phrase; keeps the standard one if JAIN-SIP refuses the text. */
    public static void phrase(Response r, String phrase) {
        try {
            r.setReasonPhrase(phrase);
        } catch (java.text.ParseException ignored) {
            // keep the default
        }
    }
}
