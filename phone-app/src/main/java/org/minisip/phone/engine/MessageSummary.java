package org.minisip.phone.engine;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an RFC 3842 {@code application/simple-message-summary} body: {@code Messages-Waiting: yes|no} (required)
 * and {@code Voice-Message: new/old (urgent-new/urgent-old)} (optional; counts are -1 when absent).
 */
final class MessageSummary {
    private static final Pattern WAITING = Pattern.compile("(?im)^\\s*Messages-Waiting\\s*:\\s*(yes|no)\\s*$");
    private static final Pattern VOICE = Pattern.compile(
            "(?im)^\\s*Voice-Message\\s*:\\s*(\\d{1,9})\\s*/\\s*(\\d{1,9})(?:\\s*\\(\\s*\\d{1,9}\\s*/\\s*\\d{1,9}\\s*\\))?\\s*$");
    private static final Pattern ACCOUNT = Pattern.compile("(?im)^\\s*Message-Account\\s*:\\s*(\\S+)\\s*$");

    private MessageSummary() {
    }

    /** Empty when the body has no valid Messages-Waiting line. */
    static Optional<PhoneEvent.MessageWaiting> parse(byte[] body) {
        if (body == null || body.length == 0 || body.length > 16 * 1024) {
            return Optional.empty();
        }
        String text = new String(body, StandardCharsets.UTF_8);
        Matcher w = WAITING.matcher(text);
        if (!w.find()) {
            return Optional.empty();
        }
        boolean waiting = w.group(1).toLowerCase(Locale.ROOT).equals("yes");
        int newCount = -1;
        int oldCount = -1;
        Matcher v = VOICE.matcher(text);
        if (v.find()) {
            newCount = Integer.parseInt(v.group(1));
            oldCount = Integer.parseInt(v.group(2));
        }
        Matcher a = ACCOUNT.matcher(text);
        return Optional.of(new PhoneEvent.MessageWaiting(waiting, newCount, oldCount, a.find() ? a.group(1) : null));
    }
}
