package org.minisip.phone.engine;

import gov.nist.javax.sip.header.SIPHeader;
import java.security.SecureRandom;
import java.text.ParseException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;
import javax.sip.ClientTransaction;
import javax.sip.InvalidArgumentException;
import javax.sip.SipException;
import javax.sip.address.Address;
import javax.sip.address.AddressFactory;
import javax.sip.address.URI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.Header;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ViaHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.minisip.sip.auth.DigestClient;
import org.minisip.sip.stack.SipEndpoint;
import org.minisip.sip.stack.Transport;

/**
 * Builds and sends the phone's SIP messages on one {@link SipEndpoint}: Via with {@code rport} (RFC 3581) and a
 * Contact on the local address that routes to the peer, digest answers to 401/407, and client transactions whose
 * responses come back to a {@link ResponseHandler}. Used only on the engine thread.
 */
final class SipSupport {
    static final List<String> ALLOW = List.of("INVITE", "ACK", "CANCEL", "BYE", "OPTIONS", "INFO", "UPDATE", "MESSAGE",
            "REFER", "NOTIFY");

    private final SipEndpoint endpoint;
    private final Transport transport;
    private final String localHost;
    private final String contactUser;
    private final String userAgent;
    private final DigestClient digest;
    private final SecureRandom random;
    private final Executor engineThread;
    /** Loose Route URI of the outbound proxy for out-of-dialog requests, or null. */
    private String preloadedRoute;
    /** Our address as the registrar sees it (Via received/rport, RFC 3581), used in Contact; null = local. */
    private volatile PublicAddress publicAddress;

    /** A host and port learned from a response's Via. */
    record PublicAddress(String host, int port) {
    }

    SipSupport(SipEndpoint endpoint, Transport transport, String localHost, String contactUser, String userAgent,
               DigestClient digest, SecureRandom random, Executor engineThread) {
        this.endpoint = endpoint;
        this.transport = transport;
        this.localHost = localHost;
        this.contactUser = contactUser;
        this.userAgent = userAgent;
        this.digest = digest;
        this.random = random;
        this.engineThread = engineThread;
    }

    /**
     * Makes out-of-dialog requests carry {@code Route: <routeUri>} (an outbound proxy, RFC 3261 §8.1.2). Call once,
     * before the first request.
     */
    void preloadRoute(String routeUri) {
        this.preloadedRoute = routeUri;
    }

    AddressFactory addresses() {
        return endpoint.addresses();
    }

    HeaderFactory headers() {
        return endpoint.headers();
    }

    MessageFactory messages() {
        return endpoint.messages();
    }

    SipEndpoint endpoint() {
        return endpoint;
    }

    Transport transport() {
        return transport;
    }

    String localHost() {
        return localHost;
    }

    int localPort() {
        return endpoint.port(transport);
    }

    /**
     * Our contact URI, e.g. {@code sip:alice@10.0.0.5:40312;transport=tls}: on the public address learned from the
     * registrar ({@link #learnPublicAddress}) once there is one, else on the local address.
     */
    String contactUri() {
        PublicAddress p = publicAddress;
        String h = p != null ? p.host() : localHost;
        String host = h.contains(":") && !h.startsWith("[") ? "[" + h + "]" : h;
        return "sip:" + contactUser + "@" + host + ":" + (p != null ? p.port() : localPort())
                + (transport == Transport.UDP ? "" : ";transport=" + transport.token());
    }

    /** The public address in use for Contact, or null when Contact carries the local address. */
    PublicAddress publicAddress() {
        return publicAddress;
    }

    /**
     * Takes the address a server saw our request come from: the top Via's {@code received} and {@code rport}
     * (RFC 3581 §4) of its response. Over UDP, when that differs from the address in our Contact, Contact uses it
     * from now on (what Linphone, baresip and MicroSIP do behind NAT); seeing our local address again goes back to
     * it. Over TCP/TLS the server reaches us on the connection we registered on, whose source port is not a
     * listening one, so Contact is left alone.
     *
     * @return true when our Contact changed (the caller re-registers)
     */
    boolean learnPublicAddress(Response r) {
        if (transport != Transport.UDP || !(r.getHeader(ViaHeader.NAME) instanceof ViaHeader via)) {
            return false;
        }
        String received = via.getReceived();
        int rport = via.getRPort();
        if (received == null && rport <= 0) {
            return false;
        }
        String host = received != null ? received : localHost;
        int port = rport > 0 ? rport : localPort();
        PublicAddress before = publicAddress;
        boolean local = sameHost(host, localHost) && port == localPort();
        PublicAddress next = local ? null : new PublicAddress(host, port);
        if (java.util.Objects.equals(before, next)) {
            return false;
        }
        publicAddress = next;
        return true;
    }

    private static boolean sameHost(String a, String b) {
        try {
            return java.net.InetAddress.getByName(a).equals(java.net.InetAddress.getByName(b));
        } catch (java.io.IOException e) {
            return a.equalsIgnoreCase(b);
        }
    }

    ContactHeader contact() throws ParseException {
        return headers().createContactHeader(addresses().createAddress(contactUri()));
    }

    String newTag() {
        byte[] b = new byte[6];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    String newCallId() {
        byte[] b = new byte[12];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b) + "@" + localHost;
    }

    /** An out-of-dialog request with fresh Via (rport), Max-Forwards, User-Agent and Contact. */
    Request newRequest(String method, URI requestUri, Address from, String fromTag, Address to, String callId,
                       long cseq) throws ParseException, InvalidArgumentException {
        HeaderFactory h = headers();
        Request r = messages().createRequest(requestUri, method, h.createCallIdHeader(callId),
                h.createCSeqHeader(cseq, method), h.createFromHeader(from, fromTag), h.createToHeader(to, null),
                List.of(via()), h.createMaxForwardsHeader(70));
        r.addHeader(h.createHeader("User-Agent", userAgent));
        if (!Request.MESSAGE.equals(method)) {
            r.addHeader(contact());
        }
        if (preloadedRoute != null) {
            r.addHeader(h.createRouteHeader(addresses().createAddress(preloadedRoute)));
        }
        return r;
    }

    /**
     * Adds one Allow header per supported method (JAIN-SIP keeps them as a list) and {@code Supported: replaces}
     * (RFC 3891 §6.1: we accept INVITEs with Replaces).
     */
    void addAllow(javax.sip.message.Message m) throws ParseException {
        for (String method : ALLOW) {
            m.addHeader(headers().createAllowHeader(method));
        }
        if (m.getHeader("Supported") == null) {
            m.addHeader(headers().createHeader("Supported", "replaces"));
        }
    }

    ViaHeader via() throws ParseException, InvalidArgumentException {
        ViaHeader v = headers().createViaHeader(localHost, localPort(), transport.token(), null);
        v.setRPort();
        return v;
    }

    /**
     * Sends {@code request} in a new client transaction; responses, timeout and transport errors go to
     * {@code handler}. A failure to send is reported to the handler asynchronously (never re-entrantly).
     */
    ClientTransaction send(Request request, ResponseHandler handler) {
        try {
            ClientTransaction ct = endpoint.provider().getNewClientTransaction(request);
            ct.setApplicationData(handler);
            ct.sendRequest();
            return ct;
        } catch (SipException | RuntimeException e) {
            String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            engineThread.execute(() -> handler.onTransportError(msg));
            return null;
        }
    }

    /**
     * The request to send after a 401/407 challenge: a copy with CSeq+1, a fresh Via branch and an
     * Authorization (or Proxy-Authorization) header answering the challenge.
     */
    Request authorized(Request sent, Response challenge) throws ParseException, InvalidArgumentException {
        Request r = (Request) sent.clone();
        CSeqHeader cseq = (CSeqHeader) r.getHeader(CSeqHeader.NAME);
        cseq.setSeqNumber(cseq.getSeqNumber() + 1);
        r.removeHeader(ViaHeader.NAME);
        r.addHeader(via());
        addAuthorization(r, challenge);
        return r;
    }

    /** Replaces any credentials in {@code request} by an answer to {@code challenge} (a 401 or 407). */
    void addAuthorization(Request request, Response challenge) throws ParseException {
        boolean proxy = challenge.getStatusCode() == Response.PROXY_AUTHENTICATION_REQUIRED;
        Header ch = challenge.getHeader(proxy ? "Proxy-Authenticate" : "WWW-Authenticate");
        if (ch == null) {
            throw new ParseException("challenge without " + (proxy ? "Proxy-" : "WWW-") + "Authenticate", 0);
        }
        request.removeHeader("Authorization");
        request.removeHeader("Proxy-Authorization");
        String value = digest.answer(headerValue(ch), request.getMethod(), request.getRequestURI().toString());
        request.addHeader(headers().createHeader(proxy ? "Proxy-Authorization" : "Authorization", value));
    }

    /** True when the 401/407 says the nonce we used was merely stale (RFC 2617 §3.2.1): retrying is worthwhile. */
    static boolean isStale(Response challenge) {
        Header h = challenge.getHeader(challenge.getStatusCode() == Response.PROXY_AUTHENTICATION_REQUIRED
                ? "Proxy-Authenticate" : "WWW-Authenticate");
        return h != null && headerValue(h).toLowerCase(Locale.ROOT).replace(" ", "").contains("stale=true");
    }

    static boolean isChallenge(Response r) {
        return r.getStatusCode() == Response.UNAUTHORIZED || r.getStatusCode() == Response.PROXY_AUTHENTICATION_REQUIRED;
    }

    static String headerValue(Header h) {
        return h instanceof SIPHeader sh ? sh.getHeaderValue() : h.toString().substring(h.getName().length() + 1).trim();
    }

    /** The value of header {@code name} in {@code m}, or "" when absent. */
    static String headerValueOrEmpty(javax.sip.message.Message m, String name) {
        Header h = m.getHeader(name);
        return h == null ? "" : headerValue(h);
    }

    /** Reason phrase of a response, or a standard one when the response has none. */
    static String reason(Response r) {
        String p = r.getReasonPhrase();
        return p == null || p.isBlank() ? "Status " + r.getStatusCode() : p;
    }
}
