package org.minisip.server.presence;

/**
 * How many voice messages wait in each extension's mailbox, for message-waiting indication (RFC 3842). The server
 * has no voicemail yet, so {@link #NONE} reports empty mailboxes; a voicemail service implements this and calls
 * {@link Presence#mailboxChanged} when a mailbox changes, which NOTIFYs the extension's subscribers.
 * Implementations are called on the presence thread and must answer from memory.
 */
@FunctionalInterface
public interface MailboxStatus {
    /** Empty mailboxes for everyone. */
    MailboxStatus NONE = ext -> Counts.EMPTY;

    /** Counts of {@code extension}'s mailbox (an existing extension). */
    Counts counts(String extension);

    /** Voice messages: new and old, and of those the urgent ones (RFC 3842 §5.2 "new/old (urgent new/urgent old)"). */
    record Counts(int newMessages, int oldMessages, int urgentNew, int urgentOld) {
        public static final Counts EMPTY = new Counts(0, 0, 0, 0);

        public Counts {
            if (newMessages < 0 || oldMessages < 0 || urgentNew < 0 || urgentOld < 0 || urgentNew > newMessages
                    || urgentOld > oldMessages) {
                throw new IllegalArgumentException("bad mailbox counts");
            }
        }

        public boolean waiting() {
            return newMessages > 0;
        }
    }
}
