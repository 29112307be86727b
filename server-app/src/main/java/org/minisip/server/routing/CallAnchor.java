package org.minisip.server.routing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import javax.sip.Dialog;
import org.minisip.sdp.OfferAnswer;
import org.minisip.sdp.SessionDescription;
import org.minisip.server.media.AnchorLeg;
import org.minisip.server.media.MediaServices;
import org.minisip.server.media.Mixer;
import org.minisip.server.media.Recorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The media of a recorded B2BUA call, anchored on the server: the caller's offer is answered by a server leg,
 * each ring stage gets its own server offer toward the callee, and both legs meet in a two-port {@link Mixer}
 * whose full mix goes to the recording. Each leg has its own SDES keys; the phones never see each other's.
 * Guarded by the call's monitor; media runs on the legs' and the mixer's own threads.
 */
final class CallAnchor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CallAnchor.class);
    private final MediaServices media;
    private final String callId;
    private final SessionDescription callerOffer;
    private AnchorLeg calleeLeg;
    private SessionDescription calleeOffer;
    private int calleeStage = -1;
    private AnchorLeg callerLeg;
    private Mixer mixer;
    private Recorder recorder;

    private CallAnchor(MediaServices media, String callId, SessionDescription callerOffer) {
        this.media = media;
        this.callId = callId;
        this.callerOffer = callerOffer;
    }

    /** Null when the caller's INVITE carries no usable SDP offer (late offer): such calls are not anchored. */
    static CallAnchor forCall(MediaServices media, Call call) {
        byte[] body = call.inboundInvite.getRawContent();
        if (body == null || body.length == 0) {
            LOG.warn("call {}: recording wanted but the INVITE has no SDP offer; media is not anchored", call.id);
            return null;
        }
        try {
            return new CallAnchor(media, call.id, SessionDescription.parse(new String(body, StandardCharsets.UTF_8)));
        } catch (Exception e) {
            LOG.warn("call {}: recording wanted but the caller's SDP is unusable: {}", call.id, e.toString());
            return null;
        }
    }

    /** The server's offer toward the callee for ring stage {@code stage} (one leg per stage, shared by forks). */
    byte[] offerFor(int stage, String localAddress) throws IOException {
        if (stage != calleeStage) {
            if (calleeLeg != null) {
                calleeLeg.close();
            }
            calleeLeg = media.openLeg(localAddress, AnchorLeg.modeFor(callerOffer));
            calleeOffer = calleeLeg.offer();
            calleeStage = stage;
        }
        return calleeOffer.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The callee answered: applies its SDP, answers the caller's offer with a server leg, starts mixer and
     * recording. Returns the SDP answer for the caller's 200.
     */
    byte[] answered(byte[] calleeAnswer, String callerFacingAddress) throws Exception {
        calleeLeg.acceptAnswer(calleeOffer, SessionDescription.parse(new String(calleeAnswer, StandardCharsets.UTF_8)));
        callerLeg = media.openLeg(callerFacingAddress, AnchorLeg.modeFor(callerOffer));
        OfferAnswer.Answer a = callerLeg.answer(callerOffer);
        if (!(a instanceof OfferAnswer.Answer.Accepted acc)) {
            throw new IOException("caller's offer refused: " + a);
        }
        mixer = new Mixer(callId);
        callerLeg.attach(mixer.addPort("caller"), null);
        calleeLeg.attach(mixer.addPort("callee"), null);
        recorder = media.recorder(callId);
        mixer.tap(recorder);
        mixer.start();
        LOG.info("call {}: media anchored (caller port {}, callee port {}), recording to {}", callId,
                callerLeg.localPort(), calleeLeg.localPort(), recorder.file());
        return acc.sdp().toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A re-INVITE/UPDATE offer from one side: answered by that side's server leg (hold, resume). */
    byte[] reanswer(boolean fromCaller, byte[] offer) throws Exception {
        AnchorLeg leg = fromCaller ? callerLeg : calleeLeg;
        if (leg == null) {
            throw new IOException("no media leg yet");
        }
        OfferAnswer.Answer a = leg.answer(SessionDescription.parse(new String(offer, StandardCharsets.UTF_8)));
        if (!(a instanceof OfferAnswer.Answer.Accepted acc)) {
            throw new IOException("offer refused: " + a);
        }
        return acc.sdp().toString().getBytes(StandardCharsets.UTF_8);
    }

    String recordingPath() {
        return recorder == null ? null : recorder.file().toString();
    }

    @Override
    public void close() {
        if (mixer != null) {
            mixer.close();
        }
        if (callerLeg != null) {
            callerLeg.close();
        }
        if (calleeLeg != null) {
            calleeLeg.close();
        }
    }
}
