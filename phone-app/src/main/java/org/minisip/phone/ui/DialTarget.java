package org.minisip.phone.ui;

import java.util.Locale;

/**
 * Cleans up what the user typed or pasted into the number field: {@code sip:}, {@code sips:} and {@code tel:} URIs are
 * kept as they are (trimmed); a phone number loses the spaces, dashes, dots and brackets people paste with it
 * ({@code +86 (10) 1234-5678}); anything else must be a plain extension or user name.
 */
final class DialTarget {
    private DialTarget() {
    }

    /** The target to dial, or null when {@code text} cannot be dialed (empty, or characters a SIP user cannot have). */
    static String normalize(String text) {
        if (text == null) {
            return null;
        }
        String t = text.strip();
        if (t.isEmpty()) {
            return null;
        }
        String lower = t.toLowerCase(Locale.ROOT);
        if (lower.startsWith("sip:") || lower.startsWith("sips:") || lower.startsWith("tel:")) {
            return t.length() > lower.indexOf(':') + 1 && !t.contains(" ") ? t : null;
        }
        if (t.matches("[+]?[0-9*#()\\s.\\-]+")) {
            t = t.replaceAll("[()\\s.\\-]", "");
        }
        return t.matches("[A-Za-z0-9*#+._!~-]+") ? t : null;
    }
}
