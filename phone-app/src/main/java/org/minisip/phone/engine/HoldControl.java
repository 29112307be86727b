package org.minisip.phone.engine;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.sip.ResponseEvent;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.minisip.sdp.SessionDescription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Our side of hold and resume for one call (RFC 3264 §8.4, RFC 6337 §5): one re-INVITE at a time carrying the new
 * direction, the answer applied on 2xx, one digest retry, and 491 Request Pending glare resolved with the random
 * back-off of RFC 3261 §14.1 (2.1-4 s when we own the Call-ID, 0-2 s otherwise). When the wanted state changes
 * while a re-INVITE is in flight, the next one is sent after it completes. A 481 or timeout ends the call
 * (RFC 3261 §14.1, §12.2.1.2); other failures leave the call as it was and publish {@link PhoneEvent.HoldFailed}.
 *
 * <p>Engine thread only.
 */
final class HoldControl {
    private static final Logger LOG = LoggerFactory.getLogger(HoldControl.class);

    private final CallSession call;
    private final boolean ownsCallId;
    private boolean wanted;
    private boolean inFlight;
    private boolean retryScheduled;

    HoldControl(CallSession call, boolean ownsCallId) {
        this.call = call;
        this.ownsCallId = ownsCallId;
    }

    /** True while our re-INVITE waits for its final response (an incoming re-INVITE then gets 491). */
    boolean inFlight() {
        return inFlight;
    }

    /** Asks for hold ({@code true}) or resume; does nothing when that is already the agreed state. */
    void request(boolean hold) {
        wanted = hold;
        if (!inFlight && !retryScheduled && hold != call.media.localHold()) {
            send(hold);
        }
    }

    private void send(boolean hold) {
        if (call.terminated || call.dialog == null) {
            return;
        }
        try {
            SessionDescription offer = call.media.offer(hold);
            Request req = call.dialog.createRequest(Request.INVITE);
            req.addHeader(call.ctx.sip().contact());
            call.ctx.sip().addAllow(req);
            req.setContent(offer.format(), call.ctx.sip().headers().createContentTypeHeader("application", "sdp"));
            inFlight = true;
            call.sendInDialog(req, new Handler(req, offer, hold));
        } catch (Exception e) {
            inFlight = false;
            LOG.warn("call {}: cannot send re-INVITE: {}", call.callId, e.toString());
            call.ctx.events().accept(new PhoneEvent.HoldFailed(call.callId, hold, 500, "Internal Error"));
        }
    }

    /** After a re-INVITE completed: send the next one if the wanted state moved on meanwhile. */
    private void done() {
        inFlight = false;
        if (!call.terminated && !retryScheduled && wanted != call.media.localHold()) {
            send(wanted);
        }
    }

    private void retryLater() {
        inFlight = false;
        retryScheduled = true;
        long ms = ownsCallId ? 2100 + call.ctx.random().nextInt(1901) : call.ctx.random().nextInt(2001);
        call.ctx.timers().schedule(Duration.ofMillis(ms), () -> {
            retryScheduled = false;
            if (!call.terminated && !inFlight && wanted != call.media.localHold()) {
                send(wanted);
            }
        });
    }

    /** Responses to one re-INVITE. */
    private final class Handler implements ResponseHandler {
        private Request request;
        private final SessionDescription offer;
        private final boolean hold;
        private boolean challenged;
        private boolean finished;

        Handler(Request request, SessionDescription offer, boolean hold) {
            this.request = request;
            this.offer = offer;
            this.hold = hold;
        }

        @Override
        public void onResponse(ResponseEvent event) {
            Response r = event.getResponse();
            int status = r.getStatusCode();
            if (status < 200) {
                return;
            }
            if (status < 300) {
                CallSession.ack(call.dialog, r);
                if (finished) {
                    return; // retransmitted 2xx: ACKed again above
                }
                finished = true;
                onSuccess(r);
                return;
            }
            if (finished) {
                return;
            }
            if (SipSupport.isChallenge(r) && !challenged) {
                challenged = true;
                try {
                    Request again = call.dialog.createRequest(Request.INVITE);
                    for (String h : new String[] {"Contact", "Allow"}) {
                        request.getHeaders(h).forEachRemaining(x -> again.addHeader((javax.sip.header.Header) x));
                    }
                    again.setContent(request.getRawContent(), call.ctx.sip().headers()
                            .createContentTypeHeader("application", "sdp"));
                    call.ctx.sip().addAuthorization(again, r);
                    request = again;
                    call.sendInDialog(again, this);
                    return;
                } catch (Exception e) {
                    LOG.warn("call {}: cannot answer re-INVITE challenge: {}", call.callId, e.toString());
                }
            }
            finished = true;
            if (status == Response.REQUEST_PENDING) {
                LOG.debug("call {}: re-INVITE glare (491), retrying", call.callId);
                retryLater();
            } else if (status == Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST || status == Response.REQUEST_TIMEOUT) {
                inFlight = false;
                call.sendBye();
                call.endCall(PhoneEvent.EndReason.ERROR);
            } else {
                call.ctx.events().accept(new PhoneEvent.HoldFailed(call.callId, hold, status, SipSupport.reason(r)));
                wanted = call.media.localHold();
                done();
            }
        }

        private void onSuccess(Response r) {
            byte[] body = r.getRawContent();
            boolean before = call.media.localHold();
            try {
                if (body == null || body.length == 0) {
                    throw new IllegalStateException("2xx to re-INVITE without SDP answer");
                }
                call.media.setLocalHold(hold);
                call.media.acceptAnswer(offer, SessionDescription.parse(new String(body, StandardCharsets.UTF_8)));
            } catch (Exception e) {
                // RFC 3261 §14.1: an unusable answer to a re-INVITE leaves the session as it was, or is ended
                LOG.warn("call {}: unusable answer to re-INVITE: {}", call.callId, e.getMessage());
                call.media.setLocalHold(before);
                inFlight = false;
                call.sendBye();
                call.endCall(PhoneEvent.EndReason.ERROR);
                return;
            }
            if (before != hold) {
                call.ctx.events().accept(new PhoneEvent.LocalHoldChanged(call.callId, hold));
            }
            done();
        }

        @Override
        public void onTimeout() {
            if (!finished) {
                finished = true;
                inFlight = false;
                call.sendBye();
                call.endCall(PhoneEvent.EndReason.ERROR);
            }
        }

        @Override
        public void onTransportError(String message) {
            if (!finished) {
                finished = true;
                call.ctx.events().accept(new PhoneEvent.HoldFailed(call.callId, hold, 503, "Service Unavailable"));
                wanted = call.media.localHold();
                done();
            }
        }
    }
}
