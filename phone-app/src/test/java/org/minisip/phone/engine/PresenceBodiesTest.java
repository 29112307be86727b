package org.minisip.phone.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Parsing of NOTIFY bodies: RFC 4235 dialog-info (with the RFC's own examples) and RFC 3842 message summaries. */
class PresenceBodiesTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void rfc4235TryingAsInitiatorIsBusy() {
        // RFC 4235 §4.2, first example
        String xml = """
                <?xml version="1.0"?>
                <dialog-info xmlns="urn:ietf:params:xml:ns:dialog-info"
                             version="0" state="full" entity="sip:alice@example.com">
                  <dialog id="as7d900as8" call-id="a84b4c76e66710"
                          local-tag="1928301774" direction="initiator">
                    <state>trying</state>
                  </dialog>
                </dialog-info>
                """;
        assertThat(DialogInfo.parse(b(xml))).contains(new DialogInfo.Parsed(0, BlfState.BUSY));
    }

    @Test
    void rfc4235ConfirmedIsBusyAndVersionIsRead() {
        // RFC 4235 §4.2, second example (abridged: participant details kept)
        String xml = """
                <?xml version="1.0"?>
                <dialog-info xmlns="urn:ietf:params:xml:ns:dialog-info"
                             version="1" state="full" entity="sip:alice@example.com">
                  <dialog id="as7d900as8" call-id="a84b4c76e66710"
                          local-tag="1928301774" remote-tag="456887766" direction="initiator">
                    <state event="replaced">confirmed</state>
                    <duration>274</duration>
                    <local><identity display="Alice">sip:alice@example.com</identity></local>
                    <remote><identity display="Bob">sip:bob@example.org</identity></remote>
                  </dialog>
                </dialog-info>
                """;
        assertThat(DialogInfo.parse(b(xml))).contains(new DialogInfo.Parsed(1, BlfState.BUSY));
    }

    @Test
    void earlyAsRecipientIsRingingAndWinsOverAConfirmedCall() {
        String xml = """
                <dialog-info xmlns="urn:ietf:params:xml:ns:dialog-info" version="7" state="full"
                             entity="sip:101@pbx">
                  <dialog id="a" call-id="x" direction="initiator"><state>confirmed</state></dialog>
                  <dialog id="b" call-id="y" direction="recipient"><state>early</state></dialog>
                </dialog-info>
                """;
        assertThat(DialogInfo.parse(b(xml))).contains(new DialogInfo.Parsed(7, BlfState.RINGING));
    }

    @Test
    void noDialogsOrOnlyTerminatedOnesAreIdle() {
        assertThat(DialogInfo.parse(b("<dialog-info xmlns=\"urn:ietf:params:xml:ns:dialog-info\" version=\"3\" "
                + "state=\"full\" entity=\"sip:101@pbx\"/>"))).contains(new DialogInfo.Parsed(3, BlfState.IDLE));
        assertThat(DialogInfo.parse(b("<dialog-info xmlns=\"urn:ietf:params:xml:ns:dialog-info\" version=\"4\" "
                + "state=\"full\" entity=\"sip:101@pbx\"><dialog id=\"a\" call-id=\"x\" direction=\"recipient\">"
                + "<state>terminated</state></dialog></dialog-info>")))
                .contains(new DialogInfo.Parsed(4, BlfState.IDLE));
    }

    @Test
    void otherDocumentsAndEntityTricksAreRejected() {
        assertThat(DialogInfo.parse(b("<presence xmlns=\"urn:ietf:params:xml:ns:pidf\"/>"))).isEmpty();
        assertThat(DialogInfo.parse(b("not xml"))).isEmpty();
        assertThat(DialogInfo.parse(b("<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<dialog-info xmlns=\"urn:ietf:params:xml:ns:dialog-info\" version=\"0\" state=\"full\" "
                + "entity=\"sip:a@b\">&x;</dialog-info>"))).isEmpty();
        assertThat(DialogInfo.parse(new byte[0])).isEmpty();
    }

    @Test
    void rfc3842MessageSummary() {
        // RFC 3842 §5.2 example body
        String body = "Messages-Waiting: yes\r\nMessage-Account: sip:alice@vmail.example.com\r\n"
                + "Voice-Message: 4/8 (1/2)\r\n";
        assertThat(MessageSummary.parse(b(body)))
                .contains(new PhoneEvent.MessageWaiting(true, 4, 8, "sip:alice@vmail.example.com"));
    }

    @Test
    void messageSummaryWithoutCountsOrWithOddCaseAndSpacing() {
        assertThat(MessageSummary.parse(b("messages-waiting:   no\n")))
                .contains(new PhoneEvent.MessageWaiting(false, -1, -1, null));
        assertThat(MessageSummary.parse(b("Messages-Waiting: yes\nVoice-Message: 2/8\n")))
                .contains(new PhoneEvent.MessageWaiting(true, 2, 8, null));
        assertThat(MessageSummary.parse(b("Voice-Message: 2/8\n"))).isEmpty();
        assertThat(MessageSummary.parse(b("Messages-Waiting: maybe\n"))).isEmpty();
    }
}
