package org.minisip.server.interop;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the DTMF digits baresip reports in its log: RFC 4733 events as {@code received event: '5' (end=1)} (one
 * line per event end), SIP INFO as {@code call: received DTMF: '5' (duration=...)}.
 */
final class BaresipDtmf {
    private static final Pattern RECEIVED = Pattern.compile("received DTMF: '(.)'|received event: '(.)' \\(end=1\\)");

    private BaresipDtmf() {
    }

    /** The digits in order of the log lines. */
    static String digits(String log) {
        StringBuilder sb = new StringBuilder();
        Matcher m = RECEIVED.matcher(log);
        while (m.find()) {
            sb.append(m.group(1) != null ? m.group(1) : m.group(2));
        }
        return sb.toString();
    }
}
