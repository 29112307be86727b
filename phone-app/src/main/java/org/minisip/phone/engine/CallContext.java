package org.minisip.phone.engine;

import java.io.IOException;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.util.function.Consumer;
import org.minisip.media.codec.CodecRegistry;
import org.minisip.phone.audio.AudioBackend;

/**
 * What every call of one engine shares: the SIP helper, the settings, codecs, audio backend, the event sink and the
 * engine's call table (told through {@code onTerminated} when a call is over).
 */
record CallContext(SipSupport sip, PhoneConfig config, CodecRegistry codecs, AudioBackend audio, SecureRandom random,
                   Consumer<PhoneEvent> events, Consumer<CallSession> onTerminated, Timers timers,
                   ReferredCalls referredCalls) {

    /** Places the call a REFER asks for (engine thread); returns its call id. */
    @FunctionalInterface
    interface ReferredCalls {
        /**
         * @param target   the Refer-To URI without its URI headers
         * @param replaces the Refer-To's {@code Replaces} URI header (attended transfer), or null
         * @param progress told the new call's provisional and final statuses
         */
        String place(javax.sip.address.URI target, org.minisip.sip.dialog.Replaces replaces,
                     OutgoingCall.Progress progress);
    }

    /** Opens the call's RTP session on the same local address as SIP (the one that routes to the peer). */
    CallMedia openMedia(Consumer<Character> onDtmf) throws IOException {
        return CallMedia.open(InetAddress.getByName(sip.localHost()), config.codecs(), codecs, config.srtp(), config.ptimeMs(), audio,
                random, onDtmf);
    }
}
