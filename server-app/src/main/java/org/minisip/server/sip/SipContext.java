package org.minisip.server.sip;

import gov.nist.javax.sip.header.SIPHeader;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sip.address.SipURI;
import javax.sip.address.TelURL;
import javax.sip.address.URI;
import javax.sip.header.Header;
import javax.sip.message.Message;
import org.minisip.sip.stack.SipEndpoint;
import org.minisip.sip.stack.Transport;

/**
 * The server's SIP endpoint plus small message helpers shared by registrar and B2BUA. Thread-safe.
 */
public final class SipContext {
    public static final String ALLOW = "INVITE, ACK, CANCEL, BYE, OPTIONS, REGISTER, INFO, UPDATE, MESSAGE, SUBSCRIBE";
    public static final String SERVER_NAME = "minisip-server";
    /** {@link #ALLOW} split once (it was split with a regex for every message). */
    private static final String[] ALLOW_METHODS = ALLOW.split(",\\s*");

    private final SipEndpoint endpoint;
    private final Map<String, String> localAddressCache = new ConcurrentHashMap<>();

    public SipContext(SipEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    public SipEndpoint endpoint() {
        return endpoint;
    }

    /** Adds the methods we implement as Allow headers (JAIN-SIP takes one method per Allow header object). */
    public static void addAllow(javax.sip.header.HeaderFactory headers, Message m) {
        try {
            for (String method : ALLOW_METHODS) {
                m.addHeader(headers.createAllowHeader(method));
            }
        } catch (java.text.ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The value part of a header ("Digest realm=..." for Authorization), or null when absent. */
    public static String headerValue(Message m, String name) {
        Header h = m.getHeader(name);
        return h instanceof SIPHeader sh ? sh.getHeaderValue().trim() : null;
    }

    /** User part of a sip: URI or the number of a tel: URI (visual separators removed); null otherwise. */
    public static String userOf(URI uri) {
        if (uri instanceof SipURI s) {
            return s.getUser();
        }
        if (uri instanceof TelURL t) {
            return t.getPhoneNumber().replaceAll("[-.() ]", "");
        }
        return null;
    }

    /**
     * The address to put in Via/Contact when talking to {@code peerHost}: the bind address when specific, else
     * the local address of the interface that routes to the peer (127.0.0.1 for a loopback peer). Never the
     * host name's address.
     */
    public String localAddressTowards(String peerHost) {
        String bind = endpoint.bindHost();
        if (!bind.equals("0.0.0.0") && !bind.equals("::") && !bind.equals("0:0:0:0:0:0:0:0")) {
            return bind;
        }
        return localAddressCache.computeIfAbsent(peerHost, SipContext::probeLocalAddress);
    }

    private static String probeLocalAddress(String peerHost) {
        try (DatagramSocket s = new DatagramSocket()) {
            s.connect(new InetSocketAddress(InetAddress.getByName(peerHost), 9));
            InetAddress local = s.getLocalAddress();
            if (local == null || local.isAnyLocalAddress()) {
                return "127.0.0.1";
            }
            return local.getHostAddress();
        } catch (Exception e) {
            return "127.0.0.1";
        }
    }

    /** Host in URI form (IPv6 in brackets). */
    public static String uriHost(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    /** Transport we listen on that best matches a requested one (falls back to UDP, then any). */
    public Transport available(Transport wanted) {
        if (endpoint.has(wanted)) {
            return wanted;
        }
        for (Transport t : Transport.values()) {
            if (endpoint.has(t)) {
                return t;
            }
        }
        throw new IllegalStateException("no transport");
    }
}
