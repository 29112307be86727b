package org.minisip.server.trunk;

import gov.nist.javax.sip.Utils;
import java.text.ParseException;
import java.util.List;
import java.util.ListIterator;
import javax.sip.InvalidArgumentException;
import javax.sip.address.Address;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.Header;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.minisip.server.config.TrunkConfig;
import org.minisip.server.sip.SipContext;
import org.minisip.server.sip.Tags;
import org.minisip.sip.auth.DigestClient;
import org.minisip.sip.stack.Transport;

/**
 * Builds the requests the server sends to a trunk: the outbound INVITE (Request-URI per {@code use-tel-uri} and
 * {@code request-uri-params}, caller ID = the trunk account), REGISTER, and the same request again with digest
 * credentials answering a 401/407 (RFC 3261 §22.2-22.3). Stateless and thread-safe.
 */
public final class TrunkRequests {
    private final SipContext ctx;
    private final java.security.SecureRandom random;
    private final AddressFactory addresses;
    private final HeaderFactory headers;

    public TrunkRequests(SipContext ctx, java.security.SecureRandom random) {
        this.ctx = ctx;
        this.random = random;
        this.addresses = ctx.endpoint().addresses();
        this.headers = ctx.endpoint().headers();
    }

    /** {@code sip:<number>@host:port[;params]} or {@code tel:<number>[;params]}. */
    public URI requestUri(TrunkConfig t, String number) throws ParseException {
        String params = t.requestUriParams().isEmpty() ? "" : ";" + t.requestUriParams();
        return addresses.createURI(toUri(t, number).toString() + params);
    }

    private URI toUri(TrunkConfig t, String number) throws ParseException {
        if (t.useTelUri()) {
            return addresses.createURI("tel:" + number);
        }
        return addresses.createURI("sip:" + number.replace("#", "%23") + "@" + t.hostPort());
    }

    /**
     * INVITE for {@code target}: a new Call-ID, From = the trunk account ({@code username@registrar host}) or, for
     * a gateway without account, the caller's extension at our address; the caller's SDP passed through.
     */
    public Request invite(Request inbound, OutboundTarget target, String callerNumber, String callerDisplay)
            throws ParseException, InvalidArgumentException {
        return invite(target, callerNumber, callerDisplay, inbound.getRawContent(),
                (ContentTypeHeader) inbound.getHeader(ContentTypeHeader.NAME));
    }

    /** The same with an explicit body (null or empty: an INVITE without offer). */
    public Request invite(OutboundTarget target, String callerNumber, String callerDisplay, byte[] body,
                          ContentTypeHeader ct) throws ParseException, InvalidArgumentException {
        TrunkConfig t = target.trunk();
        Transport tr = ctx.available(Transport.parse(t.transport()));
        String local = ctx.localAddressTowards(t.host());
        String fromUser = t.username() != null ? t.username() : callerNumber;
        String fromHost = t.username() != null ? SipContext.uriHost(t.host()) : SipContext.uriHost(local);
        Address from = addresses.createAddress(addresses.createSipURI(fromUser, fromHost));
        if (callerDisplay != null && !callerDisplay.isBlank()) {
            from.setDisplayName(callerDisplay);
        }
        Address to = addresses.createAddress(toUri(t, target.number()));
        Request r = ctx.endpoint().messages().createRequest(requestUri(t, target.number()), Request.INVITE,
                headers.createCallIdHeader(callId(local)), headers.createCSeqHeader(1L, Request.INVITE),
                headers.createFromHeader(from, Tags.newTag()), headers.createToHeader(to, null),
                List.of(via(local, tr)), headers.createMaxForwardsHeader(70));
        r.addHeader(contact(fromUser, local, tr));
        SipContext.addAllow(headers, r);
        r.addHeader(headers.createHeader("User-Agent", SipContext.SERVER_NAME));
        if (body != null && body.length > 0 && ct != null) {
            r.setContent(body, (ContentTypeHeader) ct.clone());
        }
        return r;
    }

    /**
     * A new Call-ID for a request to {@code t}: 128 random bits in hex {@code @} our address facing the trunk (the
     * stack's own generator would use the bind address, {@code 0:0:0:0:0:0:0:0} when bound to any).
     */
    public String newCallId(TrunkConfig t) {
        return callId(ctx.localAddressTowards(t.host()));
    }

    private String callId(String local) {
        byte[] b = new byte[16];
        random.nextBytes(b);
        return java.util.HexFormat.of().formatHex(b) + "@" + SipContext.uriHost(local);
    }

    /** REGISTER of the trunk account: To/From {@code username@registrar host}, Request-URI the registrar. */
    public Request register(TrunkConfig t, String callId, long cseq, int expires)
            throws ParseException, InvalidArgumentException {
        Transport tr = ctx.available(Transport.parse(t.transport()));
        String local = ctx.localAddressTowards(t.host());
        SipURI aor = addresses.createSipURI(t.username(), SipContext.uriHost(t.host()));
        SipURI ruri = addresses.createSipURI(null, SipContext.uriHost(t.host()));
        ruri.setPort(t.port());
        Request r = ctx.endpoint().messages().createRequest(ruri, Request.REGISTER,
                headers.createCallIdHeader(callId), headers.createCSeqHeader(cseq, Request.REGISTER),
                headers.createFromHeader(addresses.createAddress(aor), Tags.newTag()),
                headers.createToHeader(addresses.createAddress(aor), null), List.of(via(local, tr)),
                headers.createMaxForwardsHeader(70));
        r.addHeader(contact(t.username(), local, tr));
        r.addHeader(headers.createExpiresHeader(expires));
        SipContext.addAllow(headers, r);
        r.addHeader(headers.createHeader("User-Agent", SipContext.SERVER_NAME));
        return r;
    }

    /** Our Contact towards a trunk: {@code sip:user@local:port[;transport=tcp|tls]}. */
    public ContactHeader contact(String user, String local, Transport tr) throws ParseException {
        SipURI uri = addresses.createSipURI(user, SipContext.uriHost(local));
        uri.setPort(ctx.endpoint().port(tr));
        if (tr != Transport.UDP) {
            uri.setTransportParam(tr.token());
        }
        return headers.createContactHeader(addresses.createAddress(uri));
    }

    private ViaHeader via(String local, Transport tr) throws ParseException, InvalidArgumentException {
        ViaHeader via = headers.createViaHeader(local, ctx.endpoint().port(tr), tr.token(), null);
        via.setRPort();
        return via;
    }

    /**
     * {@code sent} again with credentials answering every challenge of {@code challenge} (401 →
     * Authorization, 407 → Proxy-Authorization), CSeq + 1 and a fresh branch; with {@code newCallId} non-null the
     * request moves to that Call-ID with CSeq 1 ({@code same-call-id: false}).
     *
     * @throws IllegalArgumentException when no challenge can be answered (unknown algorithm, malformed)
     */
    public Request withCredentials(Request sent, Response challenge, DigestClient digest, String newCallId)
            throws ParseException, InvalidArgumentException {
        Request r = (Request) sent.clone();
        boolean proxy = challenge.getStatusCode() == Response.PROXY_AUTHENTICATION_REQUIRED;
        String challengeName = proxy ? "Proxy-Authenticate" : "WWW-Authenticate";
        String credentialsName = proxy ? "Proxy-Authorization" : "Authorization";
        r.removeHeader(credentialsName);
        ListIterator<Header> it = challenge.getHeaders(challengeName);
        String answered = null;
        IllegalArgumentException last = null;
        while (it != null && it.hasNext() && answered == null) {
            String value = ((gov.nist.javax.sip.header.SIPHeader) it.next()).getHeaderValue().trim();
            try {
                answered = digest.answer(value, r.getMethod(), r.getRequestURI().toString());
            } catch (IllegalArgumentException e) {
                last = e;
            }
        }
        if (answered == null) {
            throw last != null ? last : new IllegalArgumentException(challenge.getStatusCode() + " without "
                    + challengeName);
        }
        r.addHeader(headers.createHeader(credentialsName, answered));
        CSeqHeader cseq = (CSeqHeader) r.getHeader(CSeqHeader.NAME);
        if (newCallId != null) {
            ((CallIdHeader) r.getHeader(CallIdHeader.NAME)).setCallId(newCallId);
            cseq.setSeqNumber(1L);
        } else {
            cseq.setSeqNumber(cseq.getSeqNumber() + 1);
        }
        ((ViaHeader) r.getHeader(ViaHeader.NAME)).setBranch(Utils.getInstance().generateBranchId());
        return r;
    }

    /** True when a 401/407 marks the previous credentials as merely out of date (RFC 2617 {@code stale=true}). */
    public static boolean stale(Response challenge) {
        String name = challenge.getStatusCode() == Response.PROXY_AUTHENTICATION_REQUIRED
                ? "Proxy-Authenticate" : "WWW-Authenticate";
        String v = SipContext.headerValue(challenge, name);
        return v != null && v.toLowerCase(java.util.Locale.ROOT).replace(" ", "").contains("stale=true");
    }
}
