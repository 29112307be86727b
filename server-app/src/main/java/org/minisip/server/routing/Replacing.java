package org.minisip.server.routing;

import java.util.List;
import java.util.Optional;
import javax.sip.Dialog;
import javax.sip.SipProvider;
import javax.sip.address.SipURI;
import javax.sip.header.ReferToHeader;
import javax.sip.message.Request;
import org.minisip.server.location.Binding;
import org.minisip.server.location.LocationService;
import org.minisip.sip.dialog.Replaces;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Attended transfer across the B2BUA (RFC 3891 Replaces, RFC 5589 §7). The transferor names its own leg to the
 * server in {@code Replaces}; the transfer target only knows its own leg. So the server translates:
 *
 * <ul>
 *   <li>a relayed REFER's {@code Refer-To: <...?Replaces=...>} naming one of our legs is rewritten to name the other
 *       leg of that call as its far party sees it ({@link #translateReferTo});</li>
 *   <li>an INVITE with Replaces is matched ({@link #find}) against our legs in either form (the transferor's
 *       untranslated one, where we are the receiving party and the far leg is the call's other leg, or the
 *       translated one, naming the far leg directly), and sent as a new call to the far party with Replaces
 *       naming the far leg ({@link #towardsRemote}).</li>
 * </ul>
 *
 * <p>Stateless; called on SIP threads. The dialog scan runs only for requests that carry Replaces.
 */
final class Replacing {
    private static final Logger LOG = LoggerFactory.getLogger(Replacing.class);

    private Replacing() {
    }

    /**
     * A dialog named by Replaces: {@code call} is the B2BUA call it belongs to and {@code far} the leg to the party
     * that is to be replaced.
     */
    record Match(Call call, Dialog far) {
    }

    /** The established call leg {@code r} names, if any (not yet checked for the call's state). */
    static Optional<Match> find(SipProvider provider, Replaces r) {
        if (!(provider.getSipStack() instanceof gov.nist.javax.sip.SipStackExt stack)) {
            return Optional.empty();
        }
        for (Dialog d : stack.getDialogs()) {
            if (d.getCallId() == null || !r.callId().equals(d.getCallId().getCallId())) {
                continue;
            }
            Optional<Call> call = B2bua.callOf(d);
            if (call.isEmpty()) {
                continue;
            }
            synchronized (call.get()) {
                if (r.matches(d.getCallId().getCallId(), d.getLocalTag(), d.getRemoteTag())) {
                    Dialog far = call.get().peerOf(d);
                    if (far != null) {
                        return Optional.of(new Match(call.get(), far));
                    }
                } else if (r.seenFromOtherSide().matches(d.getCallId().getCallId(), d.getLocalTag(),
                        d.getRemoteTag()) && call.get().peerOf(d) != null) {
                    return Optional.of(new Match(call.get(), d));
                }
            }
        }
        return Optional.empty();
    }

    /** Replaces naming {@code far} as its remote party compares it (to-tag = its tag, from-tag = ours). */
    static Replaces towardsRemote(Dialog far) {
        return new Replaces(far.getCallId().getCallId(), far.getRemoteTag(), far.getLocalTag(), false);
    }

    /**
     * For a REFER to relay: when its Refer-To carries Replaces naming a leg of one of our calls, the escaped value
     * naming the far leg of that call as the far party sees it. Empty otherwise (the request is relayed as it is;
     * the INVITE that follows gets 481 if the name is stale). Call without holding any call's monitor.
     */
    static Optional<String> translatedReferTo(SipProvider provider, Request refer) {
        if (!(refer.getHeader(ReferToHeader.NAME) instanceof ReferToHeader referTo)
                || !(referTo.getAddress().getURI() instanceof SipURI uri)) {
            return Optional.empty();
        }
        String escaped = uri.getHeader(Replaces.NAME);
        if (escaped == null) {
            return Optional.empty();
        }
        Replaces r;
        try {
            r = Replaces.fromUriHeader(escaped);
        } catch (IllegalArgumentException e) {
            LOG.info("REFER with a bad Replaces relayed as it is: {}", e.getMessage());
            return Optional.empty();
        }
        Optional<Match> m = find(provider, r);
        if (m.isEmpty()) {
            LOG.info("REFER names no call leg of ours in Replaces ({}); relayed as it is", r);
            return Optional.empty();
        }
        Replaces t = towardsRemote(m.get().far());
        LOG.debug("REFER Replaces {} translated to {}", r, t);
        return Optional.of(new Replaces(t.callId(), t.toTag(), t.fromTag(), r.earlyOnly()).toUriHeader());
    }

    /** Puts {@code escaped} as the Replaces URI header of {@code fwd}'s Refer-To (a clone of the original's). */
    static void setReferToReplaces(Request fwd, String escaped) throws java.text.ParseException {
        if (fwd.getHeader(ReferToHeader.NAME) instanceof ReferToHeader referTo
                && referTo.getAddress().getURI() instanceof SipURI uri) {
            uri.setHeader(Replaces.NAME, escaped);
        }
    }

    /**
     * Where the far party of a match is reached: the binding its answered leg went to, or for a caller's leg the
     * caller's binding whose contact is the dialog's remote target (else its newest one). Empty for trunk legs.
     */
    static Optional<Binding> bindingOf(Match m, LocationService location) {
        Call c = m.call();
        if (c.answered != null && m.far() == c.answered.dialog) {
            return Optional.ofNullable(c.answered.binding);
        }
        List<Binding> bindings = location.lookup(c.caller);
        String target = m.far().getRemoteTarget() == null ? null : m.far().getRemoteTarget().getURI().toString();
        return bindings.stream().filter(b -> b.contactUri().equals(target)).findFirst()
                .or(() -> bindings.stream().reduce((a, b) -> b));
    }

    /** The extension of the far party. */
    static String extensionOf(Match m) {
        Call c = m.call();
        return c.answered != null && m.far() == c.answered.dialog ? c.answered.extension : c.caller;
    }
}
