package org.minisip.phone.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import javax.sip.Dialog;
import org.junit.jupiter.api.Test;
import org.minisip.phone.audio.FileAudioBackend;
import org.minisip.sdp.SrtpMode;
import org.minisip.sip.dialog.Replaces;

/**
 * The transfer target's side of an attended transfer (RFC 3891 §3) between engines on 127.0.0.1: an INVITE with
 * Replaces naming an established call takes its place without ringing (the old call gets BYE); one naming no call
 * gets 481, an unparsable one 400.
 */
class ReplacesInviteIT {

    @Test
    void anInviteWithReplacesTakesTheEstablishedCallsPlace() throws Exception {
        try (TestPhone a = new TestPhone(SrtpMode.OFF, FileAudioBackend.silent());
             TestPhone b = new TestPhone(SrtpMode.OFF, FileAudioBackend.silent());
             TestPhone c = new TestPhone(SrtpMode.OFF, FileAudioBackend.silent())) {
            String ab = a.engine.call(b.engine.contactUri());
            String atB = b.await(PhoneEvent.IncomingCall.class).callId();
            b.engine.answer(atB);
            a.await(PhoneEvent.Answered.class);
            b.await(PhoneEvent.Answered.class);
            Dialog d = b.onEngine(() -> b.engine.calls().get(atB).dialog());
            Replaces r = new Replaces(d.getCallId().getCallId(), d.getLocalTag(), d.getRemoteTag(), false);

            String cb = c.onEngine(() -> c.engine.placeReferredCall(
                    c.engine.callContext().sip().addresses().createURI(b.engine.contactUri()), r, (code, why) -> { }));
            PhoneEvent.Replaced replaced = b.await(PhoneEvent.Replaced.class);
            assertThat(replaced.oldCallId()).isEqualTo(atB);
            assertThat(b.events.take()).isEqualTo(new PhoneEvent.CallEnded(atB, PhoneEvent.EndReason.REPLACED));
            assertThat(b.await(PhoneEvent.Answered.class).callId()).isEqualTo(replaced.newCallId());
            assertThat(c.await(PhoneEvent.Answered.class).callId()).isEqualTo(cb);
            PhoneEvent ended = a.events.poll(10, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(ended).isEqualTo(new PhoneEvent.CallEnded(ab, PhoneEvent.EndReason.REMOTE_HANGUP));
            assertThat(b.events).noneMatch(e -> e instanceof PhoneEvent.IncomingCall);
        }
    }

    @Test
    void replacesNamingNoCallGets481AndAGarbledOne400() throws Exception {
        try (TestPhone b = new TestPhone(SrtpMode.OFF, FileAudioBackend.silent());
             DatagramSocket raw = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            assertThat(send(raw, b.engine.sipPort(), "nope@127.0.0.1;to-tag=1;from-tag=2")).startsWith("SIP/2.0 481");
            assertThat(send(raw, b.engine.sipPort(), "nope@127.0.0.1;to-tag=1")).startsWith("SIP/2.0 400");
            assertThat(b.events).noneMatch(e -> e instanceof PhoneEvent.IncomingCall);
        }
    }

    private static String send(DatagramSocket raw, int port, String replaces) throws Exception {
        String sdp = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + "m=audio 40000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";
        String msg = "INVITE sip:phone@127.0.0.1:" + port + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + raw.getLocalPort() + ";branch=z9hG4bK" + UUID.randomUUID()
                + ";rport\r\nMax-Forwards: 70\r\nFrom: <sip:x@127.0.0.1>;tag=f1\r\nTo: <sip:phone@127.0.0.1>\r\n"
                + "Call-ID: " + UUID.randomUUID() + "@127.0.0.1\r\nCSeq: 1 INVITE\r\n"
                + "Contact: <sip:x@127.0.0.1:" + raw.getLocalPort() + ">\r\nReplaces: " + replaces + "\r\n"
                + "Content-Type: application/sdp\r\nContent-Length: " + sdp.length() + "\r\n\r\n" + sdp;
        byte[] b = msg.getBytes(StandardCharsets.UTF_8);
        raw.send(new DatagramPacket(b, b.length, InetAddress.getLoopbackAddress(), port));
        byte[] buf = new byte[65535];
        raw.setSoTimeout(10_000);
        while (true) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            raw.receive(p);
            String text = new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
            if (text.startsWith("SIP/2.0 ") && !text.startsWith("SIP/2.0 1")) {
                return text;
            }
        }
    }
}
