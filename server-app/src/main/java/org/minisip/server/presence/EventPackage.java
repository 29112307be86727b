package org.minisip.server.presence;

import java.util.Locale;
import java.util.Optional;

/** The SIP event packages (RFC 6665) the server is a notifier for, with the body type of their NOTIFYs. */
public enum EventPackage {
    /** RFC 4235: the INVITE dialogs of an extension (busy lamp field). */
    DIALOG("dialog", "application", "dialog-info+xml"),
    /** RFC 3842: message-waiting indication of an extension's mailbox. */
    MESSAGE_SUMMARY("message-summary", "application", "simple-message-summary");

    private final String token;
    private final String type;
    private final String subtype;

    EventPackage(String token, String type, String subtype) {
        this.token = token;
        this.type = type;
        this.subtype = subtype;
    }

    public String token() {
        return token;
    }

    String type() {
        return type;
    }

    String subtype() {
        return subtype;
    }

    String mediaType() {
        return type + "/" + subtype;
    }

    /** The package named by an Event header's value (parameters and case ignored); empty when unknown. */
    public static Optional<EventPackage> of(String eventValue) {
        if (eventValue == null) {
            return Optional.empty();
        }
        String name = eventValue.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        for (EventPackage p : values()) {
            if (p.token.equals(name)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
