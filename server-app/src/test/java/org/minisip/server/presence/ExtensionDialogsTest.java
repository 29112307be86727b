package org.minisip.server.presence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * How B2BUA call events become per-extension RFC 4235 states: ringing, forwarding away (terminated), answer
 * (confirmed) and end (terminated once, then idle); and the document built from them parses as dialog-info.
 */
class ExtensionDialogsTest {
    private final List<String> log = new ArrayList<>();
    private ExtensionDialogs dialogs;

    private ExtensionDialogs create() {
        dialogs = new ExtensionDialogs(Runnable::run, ext -> {
            StringBuilder b = new StringBuilder(ext).append(':');
            for (ExtensionDialog d : dialogs.report(ext)) {
                b.append(d.initiator() ? "out-" : "in-").append(d.state().token()).append(' ');
            }
            log.add(b.toString().trim());
        });
        return dialogs;
    }

    @Test
    void ringForwardAnswerEnd() {
        ExtensionDialogs d = create();
        d.ringing("c1", "100", "101");
        d.ringing("c1", "100", "102");   // 101 forwarded to 102
        d.answered("c1", "100", "102");
        d.ended("c1");
        assertThat(log).containsExactly("100:out-early", "101:in-early", "100:out-early" /* now to 102 */,
                "101:in-terminated", "102:in-early",
                "100:out-confirmed", "102:in-confirmed", "100:out-terminated", "102:in-terminated");
        assertThat(d.of("100")).isEmpty();
        assertThat(d.of("102")).isEmpty();
    }

    @Test
    void documentIsValidDialogInfoWithEscapedValues() throws Exception {
        ExtensionDialogs d = create();
        d.ringing("call<&>\"1", "100", "101");
        String xml = DialogInfoXml.document("sip:101@pbx", 5, d.of("101"), "pbx");
        Element root = SubscribeRawIT.parse(xml);
        assertThat(root.getAttribute("version")).isEqualTo("5");
        assertThat(root.getAttribute("state")).isEqualTo("full");
        Element dialog = (Element) root.getElementsByTagNameNS("urn:ietf:params:xml:ns:dialog-info", "dialog").item(0);
        assertThat(dialog.getAttribute("call-id")).isEqualTo("call<&>\"1");
        assertThat(dialog.getAttribute("direction")).isEqualTo("recipient");
        assertThat(dialog.getElementsByTagNameNS("urn:ietf:params:xml:ns:dialog-info", "state").item(0)
                .getTextContent()).isEqualTo("early");
        assertThat(xml).contains("<remote><identity>sip:100@pbx</identity>");
    }

    @Test
    void messageSummaryBodyFollowsRfc3842() {
        assertThat(MessageSummary.body(new MailboxStatus.Counts(2, 8, 0, 2), "sip:101@pbx"))
                .isEqualTo("Messages-Waiting: yes\r\nMessage-Account: sip:101@pbx\r\nVoice-Message: 2/8 (0/2)\r\n");
        assertThat(MessageSummary.body(MailboxStatus.Counts.EMPTY, "sip:101@pbx")).startsWith("Messages-Waiting: no");
    }
}
