package org.minisip.phone.engine;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.address.Address;
import javax.sip.header.ReferToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.minisip.sip.dialog.Replaces;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Call transfer for one call (REFER, RFC 3515), blind and attended (RFC 3891 Replaces, RFC 5589 §7), in both roles.
 *
 * <p>Transferor: {@link #refer} sends REFER with Refer-To and Referred-By (RFC 3892) and follows the implicit
 * subscription: each NOTIFY's {@code message/sipfrag} status line is published as
 * {@link PhoneEvent.TransferProgress}; when the target answers (2xx), the original call is hung up.
 * {@link #referReplacing} is the attended form: the Refer-To is the consultation call's peer with
 * {@code ?Replaces=} naming the consultation dialog, and on success the consultation call is hung up too (unless
 * the target already ended it with its BYE).
 *
 * <p>Transferee: {@link #onRefer} accepts with 202, NOTIFYs {@code 100 Trying}, has the engine place a call to the
 * Refer-To URI (its {@code Replaces} URI header becoming the INVITE's Replaces header), and NOTIFYs that call's
 * provisional and final status, the final one with {@code Subscription-State: terminated}.
 *
 * <p>Engine thread only.
 */
final class TransferControl {
    private static final Logger LOG = LoggerFactory.getLogger(TransferControl.class);
    private static final Pattern SIPFRAG = Pattern.compile("^SIP/2\\.0 (\\d{3})(?: (.*))?");

    private final CallSession call;
    /** We sent a REFER and wait for its outcome. */
    private boolean referring;
    /** The consultation call of an attended transfer in progress, or null. */
    private CallSession consultation;

    TransferControl(CallSession call) {
        this.call = call;
    }

    /** Transferor: asks the peer to call {@code targetUri}. */
    void refer(String targetUri) {
        if (referring) {
            LOG.info("call {}: a transfer is already in progress", call.callId);
            return;
        }
        consultation = null;
        send(targetUri);
    }

    /**
     * Attended transferor (RFC 5589 §7): asks the peer to call the peer of {@code consult} with
     * {@code Replaces} naming the consultation dialog (to-tag = its remote tag, from-tag = its local tag, as the
     * target will compare them, RFC 3891 §3).
     */
    void referReplacing(CallSession consult) {
        if (referring) {
            LOG.info("call {}: a transfer is already in progress", call.callId);
            return;
        }
        javax.sip.Dialog d = consult.dialog;
        try {
            Replaces replaces = new Replaces(d.getCallId().getCallId(), d.getRemoteTag(), d.getLocalTag(), false);
            javax.sip.address.URI peer = (javax.sip.address.URI) d.getRemoteParty().getURI().clone();
            if (!(peer instanceof javax.sip.address.SipURI su)) {
                publish(416, "Unsupported URI Scheme", true);
                return;
            }
            if (su instanceof gov.nist.javax.sip.address.SipUri nist) {
                nist.removeHeaders();
            }
            su.setHeader(Replaces.NAME, replaces.toUriHeader());
            consultation = consult;
            send(su.toString());
        } catch (Exception e) {
            LOG.warn("call {}: cannot build attended transfer: {}", call.callId, e.toString());
            publish(500, "Internal Error", true);
        }
    }

    private void send(String targetUri) {
        try {
            Request refer = build(targetUri);
            referring = true;
            call.sendInDialog(refer, new ReferHandler(targetUri));
        } catch (Exception e) {
            referring = false;
            LOG.warn("call {}: cannot send REFER: {}", call.callId, e.toString());
            publish(500, "Internal Error", true);
        }
    }

    private Request build(String targetUri) throws Exception {
        Request refer = call.dialog.createRequest(Request.REFER);
        Address target = call.ctx.sip().addresses().createAddress(targetUri);
        refer.addHeader(call.ctx.sip().headers().createReferToHeader(target));
        AccountUri acc = call.ctx.config().account();
        String by = acc != null ? acc.aor() : call.ctx.sip().contactUri();
        refer.addHeader(call.ctx.sip().headers().createHeader("Referred-By", "<" + by + ">"));
        refer.addHeader(call.ctx.sip().contact());
        return refer;
    }

    /** Transferor: a NOTIFY (Event: refer) in the dialog. */
    void onNotify(RequestEvent ev) {
        call.respond(ev, Response.OK);
        if (!referring) {
            return;
        }
        byte[] body = ev.getRequest().getRawContent();
        String frag = body == null ? "" : new String(body, StandardCharsets.UTF_8).trim();
        Matcher m = SIPFRAG.matcher(frag.split("\r?\n", 2)[0]);
        String subState = SipSupport.headerValueOrEmpty(ev.getRequest(), "Subscription-State")
                .toLowerCase(Locale.ROOT);
        if (!m.find()) {
            if (subState.startsWith("terminated")) {
                referring = false;
                publish(500, "Transfer subscription ended without a result", true);
            }
            return;
        }
        int code = Integer.parseInt(m.group(1));
        String reason = m.group(2) == null ? "" : m.group(2).trim();
        boolean done = code >= 200 || subState.startsWith("terminated");
        publish(code, reason, done);
        if (done) {
            referring = false;
            if (code / 100 == 2 && !call.terminated) {
                call.sendBye();
                call.endCall(PhoneEvent.EndReason.TRANSFERRED);
            }
            if (code / 100 == 2 && consultation != null && !consultation.terminated) {
                consultation.sendBye();
                consultation.endCall(PhoneEvent.EndReason.TRANSFERRED);
            }
            consultation = null;
        }
    }

    /** Transferee: the peer asks us to call someone else. */
    void onRefer(RequestEvent ev) {
        Request req = ev.getRequest();
        if (!(req.getHeader(ReferToHeader.NAME) instanceof ReferToHeader referTo)) {
            call.respond(ev, Response.BAD_REQUEST);
            return;
        }
        javax.sip.address.URI target = (javax.sip.address.URI) referTo.getAddress().getURI().clone();
        if (!target.isSipURI()) {
            call.respond(ev, Response.UNSUPPORTED_URI_SCHEME);
            return;
        }
        Replaces replaces = null;
        javax.sip.address.SipURI su = (javax.sip.address.SipURI) target;
        String escaped = su.getHeader(Replaces.NAME);
        if (escaped != null) {
            try {
                replaces = Replaces.fromUriHeader(escaped);
            } catch (IllegalArgumentException e) {
                LOG.info("call {}: REFER with a bad Replaces: {}", call.callId, e.getMessage());
                call.respond(ev, Response.BAD_REQUEST);
                return;
            }
        }
        if (su instanceof gov.nist.javax.sip.address.SipUri nist) {
            nist.removeHeaders(); // URI headers are not part of the Request-URI (RFC 3261 §19.1.5)
        }
        call.respond(ev, Response.ACCEPTED);
        notifyStatus(100, "Trying");
        String newCall = call.ctx.referredCalls().place(target, replaces, this::notifyStatus);
        call.ctx.events().accept(new PhoneEvent.Referred(call.callId, newCall, target.toString()));
    }

    /** Transferee: reports the new call's status to the transferor (RFC 3515 §2.4.5). */
    private void notifyStatus(int code, String reason) {
        if (call.dialog == null) {
            return;
        }
        try {
            Request n = call.dialog.createRequest(Request.NOTIFY);
            n.addHeader(call.ctx.sip().headers().createEventHeader("refer"));
            n.addHeader(call.ctx.sip().headers().createSubscriptionStateHeader(
                    code < 200 ? "active;expires=60" : "terminated;reason=noresource"));
            n.addHeader(call.ctx.sip().contact());
            n.setContent("SIP/2.0 " + code + " " + reason + "\r\n",
                    call.ctx.sip().headers().createContentTypeHeader("message", "sipfrag;version=2.0"));
            call.sendInDialog(n, IGNORE);
        } catch (Exception e) {
            LOG.debug("call {}: cannot NOTIFY transfer status {}: {}", call.callId, code, e.toString());
        }
    }

    private void publish(int code, String reason, boolean finished) {
        call.ctx.events().accept(new PhoneEvent.TransferProgress(call.callId, code, reason, finished));
    }

    /** Responses to our REFER. */
    private final class ReferHandler extends ChallengedOnce {
        private final String target;

        ReferHandler(String target) {
            super(call, "REFER");
            this.target = target;
        }

        @Override
        Request rebuild() throws Exception {
            return build(target);
        }

        @Override
        void onFinal(Response r) {
            int status = r.getStatusCode();
            if (status < 300) {
                publish(status, SipSupport.reason(r), false);
            } else if (referring) {
                referring = false;
                publish(status, SipSupport.reason(r), true);
            }
        }

        @Override
        public void onTimeout() {
            if (referring) {
                referring = false;
                publish(408, "Request Timeout", true);
            }
        }

        @Override
        public void onTransportError(String message) {
            if (referring) {
                referring = false;
                publish(503, "Service Unavailable", true);
            }
        }
    }

    private static final ResponseHandler IGNORE = new ResponseHandler() {
        @Override
        public void onResponse(ResponseEvent event) {
        }

        @Override
        public void onTimeout() {
        }

        @Override
        public void onTransportError(String message) {
        }
    };
}
