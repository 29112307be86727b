package org.minisip.server.security;

import java.util.Locale;

/**
 * A caller/called blacklist rule: a call whose caller starts with {@code callerPrefix} and whose called number
 * starts with {@code calledPrefix} (empty = any) is refused with 403 in {@code ratePercent} of cases (100 =
 * always). Caller prefixes match the From URI's user part or its display name, case-insensitively.
 */
public record CallRule(String callerPrefix, String calledPrefix, int ratePercent) {

    public CallRule {
        callerPrefix = callerPrefix == null ? "" : callerPrefix.toLowerCase(Locale.ROOT);
        calledPrefix = calledPrefix == null ? "" : calledPrefix.toLowerCase(Locale.ROOT);
    }

    /** Whether the rule's prefixes match (the rate is applied by the caller of this method). */
    public boolean matches(String callerUser, String callerDisplayName, String called) {
        boolean callerOk = callerPrefix.isEmpty() || startsWith(callerUser, callerPrefix)
                || startsWith(callerDisplayName, callerPrefix);
        return callerOk && (calledPrefix.isEmpty() || startsWith(called, calledPrefix));
    }

    private static boolean startsWith(String value, String prefix) {
        return value != null && value.toLowerCase(Locale.ROOT).startsWith(prefix);
    }

    @Override
    public String toString() {
        return "caller '" + callerPrefix + "' called '" + calledPrefix + "' rate " + ratePercent + "%";
    }
}
