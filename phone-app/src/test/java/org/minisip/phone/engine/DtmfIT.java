package org.minisip.phone.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.minisip.phone.audio.FileAudioBackend;
import org.minisip.sdp.SrtpMode;

/**
 * DTMF between two engines on 127.0.0.1, as RFC 4733 events and as SIP INFO (application/dtmf-relay): every digit
 * arrives exactly once and in order, repeated digits included, both ways.
 */
class DtmfIT {
    private static final String ALL = "0123456789*#ABCD";
    private final List<AutoCloseable> cleanup = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : cleanup) {
            c.close();
        }
    }

    private TestPhone phone(DtmfMode mode, SrtpMode srtp) throws Exception {
        TestPhone p = new TestPhone(FileAudioBackend.silent(), c -> c.withSrtp(srtp).withDtmfMode(mode));
        cleanup.add(p);
        return p;
    }

    private static String receive(TestPhone p, int n) throws InterruptedException {
        StringBuilder got = new StringBuilder();
        while (got.length() < n) {
            got.append(p.await(PhoneEvent.DtmfReceived.class).digit());
        }
        return got.toString();
    }

    @ParameterizedTest
    @EnumSource(DtmfMode.class)
    void everyDigitArrivesExactlyOnceBothWays(DtmfMode mode) throws Exception {
        TestPhone a = phone(mode, SrtpMode.MANDATORY);
        TestPhone b = phone(mode, SrtpMode.OPTIONAL);
        String id = a.engine.call(b.engine.contactUri());
        String inId = b.await(PhoneEvent.IncomingCall.class).callId();
        b.engine.answer(inId);
        a.await(PhoneEvent.Answered.class);
        b.await(PhoneEvent.Answered.class);

        a.engine.sendDtmf(id, ALL);
        assertThat(receive(b, ALL.length())).isEqualTo(ALL);
        a.engine.sendDtmf(id, "1");
        a.engine.sendDtmf(id, "11#");
        assertThat(receive(b, 4)).isEqualTo("111#");
        b.engine.sendDtmf(inId, "9*0");
        assertThat(receive(a, 3)).isEqualTo("9*0");

        // the digits took the wire the mode asks for: RTP events counted by the media session, or none at all
        long rtpEvents = a.stats(id).dtmfSent() + b.stats(inId).dtmfReceived();
        assertThat(rtpEvents).isEqualTo(mode == DtmfMode.RFC4733 ? 2L * (ALL.length() + 4) : 0L);

        a.engine.hangup(id);
        b.await(PhoneEvent.CallEnded.class);
        assertThat(b.events).noneMatch(e -> e instanceof PhoneEvent.DtmfReceived);
        assertThat(a.events).noneMatch(e -> e instanceof PhoneEvent.DtmfReceived);
    }
}
