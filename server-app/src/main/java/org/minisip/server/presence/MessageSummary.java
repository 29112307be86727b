package org.minisip.server.presence;

/** The {@code application/simple-message-summary} body of RFC 3842 §5. */
final class MessageSummary {
    private MessageSummary() {
    }

    /** E.g. {@code Messages-Waiting: no / Message-Account: sip:101@pbx / Voice-Message: 0/0 (0/0)}, CRLF lines. */
    static String body(MailboxStatus.Counts c, String accountUri) {
        return "Messages-Waiting: " + (c.waiting() ? "yes" : "no") + "\r\n"
                + "Message-Account: " + accountUri + "\r\n"
                + "Voice-Message: " + c.newMessages() + "/" + c.oldMessages() + " (" + c.urgentNew() + "/"
                + c.urgentOld() + ")\r\n";
    }
}
