package org.minisip.server.callback;

import java.text.ParseException;
import java.util.List;
import java.util.Optional;
import javax.sip.InvalidArgumentException;
import javax.sip.address.Address;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.minisip.server.config.ServerConfig;
import org.minisip.server.location.Binding;
import org.minisip.server.location.LocationService;
import org.minisip.server.sip.SipContext;
import org.minisip.server.sip.Tags;
import org.minisip.server.trunk.OutboundTarget;
import org.minisip.server.trunk.TrunkCalls;
import org.minisip.sip.stack.Transport;

/**
 * Number analysis for call-backs, the same as for a dialling extension (an extension, else a trunk's outbound
 * prefix), and the INVITEs to either. Thread-safe.
 */
final class CallbackTargets {
    /** Where a call-back leg goes: an extension's most recent binding, or a trunk. */
    record Target(String number, Binding binding, OutboundTarget trunk) {
    }

    /** Why a number cannot be called: the protocol's error code and reason. */
    record Refusal(int code, String reason) {
    }

    private final ServerConfig config;
    private final LocationService location;
    private final TrunkCalls trunks;
    private final SipContext ctx;
    private final AddressFactory addresses;
    private final HeaderFactory headers;

    CallbackTargets(ServerConfig config, LocationService location, TrunkCalls trunks, SipContext ctx) {
        this.config = config;
        this.location = location;
        this.trunks = trunks;
        this.ctx = ctx;
        this.addresses = ctx.endpoint().addresses();
        this.headers = ctx.endpoint().headers();
    }

    /** The target for {@code number}, or the refusal (404 unknown, 480 extension not registered). */
    Object resolve(String number) {
        if (config.extension(number).isPresent()) {
            List<Binding> bindings = location.lookup(number);
            if (bindings.isEmpty()) {
                return new Refusal(480, "extension " + number + " is not registered");
            }
            Binding newest = bindings.stream().max(java.util.Comparator.comparing(Binding::registeredAt)).get();
            return new Target(number, newest, null);
        }
        Optional<OutboundTarget> t = trunks.outbound(number);
        if (t.isPresent()) {
            return new Target(number, null, t.get());
        }
        return new Refusal(404, "unknown number " + number + " (not an extension, no trunk prefix)");
    }

    /** INVITE to {@code t} showing {@code otherNumber} as the caller, with {@code sdp} as the body when given. */
    Request invite(Target t, String otherNumber, byte[] sdp, ContentTypeHeader type)
            throws ParseException, InvalidArgumentException {
        if (t.trunk() != null) {
            return trunks.invite(t.trunk(), otherNumber, "Call-back", sdp, type);
        }
        Binding b = t.binding();
        Transport tr = ctx.available(b.transport());
        String local = ctx.localAddressTowards(b.sourceHost());
        String host = config.sip().domain() != null ? config.sip().domain() : SipContext.uriHost(local);
        Address from = addresses.createAddress(addresses.createSipURI(otherNumber, host));
        from.setDisplayName("Call-back");
        Address to = addresses.createAddress(addresses.createSipURI(t.number(), host));
        ViaHeader via = headers.createViaHeader(local, ctx.endpoint().port(tr), tr.token(), null);
        via.setRPort();
        Request r = ctx.endpoint().messages().createRequest(addresses.createURI(b.contactUri()), Request.INVITE,
                ctx.endpoint().provider().getNewCallId(), headers.createCSeqHeader(1L, Request.INVITE),
                headers.createFromHeader(from, Tags.newTag()), headers.createToHeader(to, null), List.of(via),
                headers.createMaxForwardsHeader(70));
        SipURI contact = addresses.createSipURI("callback", SipContext.uriHost(local));
        contact.setPort(ctx.endpoint().port(tr));
        if (tr != Transport.UDP) {
            contact.setTransportParam(tr.token());
        }
        r.addHeader(headers.createContactHeader(addresses.createAddress(contact)));
        SipContext.addAllow(headers, r);
        r.addHeader(headers.createHeader("User-Agent", SipContext.SERVER_NAME));
        if (sdp != null && sdp.length > 0 && type != null) {
            r.setContent(sdp, (ContentTypeHeader) type.clone());
        }
        return r;
    }

    Optional<Request> withCredentials(Target t, Request sent, Response challenge) {
        return t.trunk() == null ? Optional.empty() : trunks.withCredentials(sent, challenge, t.trunk().trunk());
    }

    void finished(Request sent) {
        trunks.finished(sent);
    }
}
