package org.minisip.server.cdr;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Q.850 release causes: parsing {@code Reason: Q.850;cause=N} (RFC 3326) and mapping SIP statuses (RFC 3398). */
public final class Q850 {
    public static final int NORMAL_CLEARING = 16;
    public static final int USER_BUSY = 17;
    public static final int NO_USER_RESPONSE = 18;
    public static final int NO_ANSWER = 19;
    public static final int UNALLOCATED_NUMBER = 1;
    public static final int CALL_REJECTED = 21;
    public static final int TEMPORARY_FAILURE = 41;
    private static final Pattern CAUSE = Pattern.compile("(?i)^\\s*Q\\.850\\s*;.*?\\bcause\\s*=\\s*(\\d{1,3})");

    private Q850() {
    }

    /** The cause in a Reason header value, or -1 when it is not a Q.850 reason. */
    public static int fromReason(String reasonValue) {
        if (reasonValue == null) {
            return -1;
        }
        for (String part : reasonValue.split(",")) {
            Matcher m = CAUSE.matcher(part);
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
        }
        return -1;
    }

    /** RFC 3398 §8.2.6.1 mapping of a final SIP status to a cause (200 → normal clearing). */
    public static int fromSipStatus(int status) {
        return switch (status) {
            case 200, 487 -> NORMAL_CLEARING;
            case 400, 481, 500, 503 -> TEMPORARY_FAILURE;
            case 401, 402, 403, 407, 603 -> CALL_REJECTED;
            case 404, 485, 604 -> UNALLOCATED_NUMBER;
            case 405 -> 63;
            case 406, 415, 501 -> 79;
            case 408, 504 -> 102;
            case 410 -> 22;
            case 480 -> NO_USER_RESPONSE;
            case 482, 483 -> 25;
            case 484 -> 28;
            case 486, 600 -> USER_BUSY;
            case 502 -> 38;
            case 606 -> 58;
            default -> 127;
        };
    }
}
