package org.minisip.server.routing;

import java.text.ParseException;
import java.util.List;
import javax.sip.InvalidArgumentException;
import javax.sip.address.Address;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import org.minisip.server.location.Binding;
import org.minisip.server.sip.SipContext;
import org.minisip.server.sip.Tags;
import org.minisip.sip.stack.Transport;

/** Builds the requests the B2BUA originates: the outbound INVITE of a leg and the server's Contact headers. */
final class OutboundRequests {
    private final SipContext ctx;
    private final AddressFactory addresses;
    private final HeaderFactory headers;
    private final String domain;

    OutboundRequests(SipContext ctx, String domain) {
        this.ctx = ctx;
        this.addresses = ctx.endpoint().addresses();
        this.headers = ctx.endpoint().headers();
        this.domain = domain;
    }

    /**
     * INVITE from the server to one contact of the callee: new Call-ID and tags, caller's identity in From, the
     * callee's number in To, the caller's SDP passed through untouched.
     */
    Request invite(Request inbound, Binding b, String callerNumber, String callerDisplay, String callee)
            throws ParseException, InvalidArgumentException {
        Transport t = ctx.available(b.transport());
        String local = ctx.localAddressTowards(b.sourceHost());
        String host = domain != null ? domain : SipContext.uriHost(local);
        SipURI fromUri = addresses.createSipURI(callerNumber, host);
        Address from = addresses.createAddress(fromUri);
        if (callerDisplay != null && !callerDisplay.isBlank()) {
            from.setDisplayName(callerDisplay);
        }
        Address to = addresses.createAddress(addresses.createSipURI(callee, host));
        ViaHeader via = headers.createViaHeader(local, ctx.endpoint().port(t), t.token(), null);
        via.setRPort();
        Request r = ctx.endpoint().messages().createRequest(addresses.createURI(b.contactUri()), Request.INVITE,
                ctx.endpoint().provider().getNewCallId(), headers.createCSeqHeader(1L, Request.INVITE),
                headers.createFromHeader(from, Tags.newTag()), headers.createToHeader(to, null), List.of(via),
                headers.createMaxForwardsHeader(70));
        r.addHeader(contact(callerNumber, local, t));
        SipContext.addAllow(headers, r);
        r.addHeader(headers.createHeader("User-Agent", SipContext.SERVER_NAME));
        copyBody(inbound, r);
        return r;
    }

    /** The server's Contact for a dialog with a peer at {@code peerHost} over {@code t}. */
    javax.sip.header.ContactHeader contact(String user, String localHost, Transport t) throws ParseException {
        SipURI uri = addresses.createSipURI(user, SipContext.uriHost(localHost));
        uri.setPort(ctx.endpoint().port(t));
        if (t != Transport.UDP) {
            uri.setTransportParam(t.token());
        }
        return headers.createContactHeader(addresses.createAddress(uri));
    }

    /** Copies body and Content-Type (SDP passes through unchanged: media flows phone to phone). */
    static void copyBody(javax.sip.message.Message from, javax.sip.message.Message to) throws ParseException {
        byte[] body = from.getRawContent();
        ContentTypeHeader ct = (ContentTypeHeader) from.getHeader(ContentTypeHeader.NAME);
        if (body != null && body.length > 0 && ct != null) {
            to.setContent(body, (ContentTypeHeader) ct.clone());
        }
    }

    static String callerDisplay(Request inbound) {
        return ((FromHeader) inbound.getHeader(FromHeader.NAME)).getAddress().getDisplayName();
    }

    static long cseq(javax.sip.message.Message m) {
        return ((CSeqHeader) m.getHeader(CSeqHeader.NAME)).getSeqNumber();
    }
}
