package org.minisip.phone.engine;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Queue;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DTMF as SIP INFO inside a call's dialog ({@code application/dtmf-relay}, the de-facto format of Cisco, Asterisk and
 * baresip: {@code Signal=5} and {@code Duration=160} in ms). One INFO at a time so the digits arrive in order; a
 * digest challenge is answered once; a failed INFO drops the digits still queued.
 *
 * <p>Engine thread only.
 */
final class DtmfInfoSender {
    static final int DURATION_MS = 160;
    private static final Logger LOG = LoggerFactory.getLogger(DtmfInfoSender.class);

    private final CallSession call;
    private final Queue<Character> queue = new ArrayDeque<>();
    private boolean inFlight;

    DtmfInfoSender(CallSession call) {
        this.call = call;
    }

    /** Queues digits (0-9 * # A-D; others skipped) and sends the first unless one is already on its way. */
    void send(String digits) {
        for (char c : digits.toUpperCase(java.util.Locale.ROOT).toCharArray()) {
            if ("0123456789*#ABCD".indexOf(c) >= 0) {
                queue.add(c);
            }
        }
        next();
    }

    private void next() {
        if (inFlight || call.terminated || call.dialog == null) {
            return;
        }
        Character c = queue.poll();
        if (c == null) {
            return;
        }
        try {
            Request info = build(c);
            inFlight = true;
            call.sendInDialog(info, new Handler(c));
        } catch (Exception e) {
            inFlight = false;
            queue.clear();
            LOG.warn("call {}: cannot send DTMF INFO: {}", call.callId, e.toString());
        }
    }

    private Request build(char digit) throws Exception {
        Request info = call.dialog.createRequest(Request.INFO);
        String body = "Signal=" + digit + "\r\nDuration=" + DURATION_MS + "\r\n";
        info.setContent(body.getBytes(StandardCharsets.US_ASCII),
                call.ctx.sip().headers().createContentTypeHeader("application", "dtmf-relay"));
        return info;
    }

    private final class Handler extends ChallengedOnce {
        private final char digit;

        Handler(char digit) {
            super(call, "INFO");
            this.digit = digit;
        }

        @Override
        Request rebuild() throws Exception {
            return build(digit);
        }

        @Override
        void onFinal(Response r) {
            int status = r.getStatusCode();
            inFlight = false;
            if (status >= 300) {
                LOG.warn("call {}: DTMF INFO '{}' refused: {} {}", call.callId, digit, status, SipSupport.reason(r));
                queue.clear();
                return;
            }
            next();
        }

        @Override
        public void onTimeout() {
            inFlight = false;
            queue.clear();
            LOG.warn("call {}: DTMF INFO '{}' timed out", call.callId, digit);
        }

        @Override
        public void onTransportError(String message) {
            onTimeout();
        }
    }
}
