package org.minisip.phone.cli;

import java.time.Duration;

/**
 * A {@link CallCommand} to run this long after a call is answered ({@code --at SECONDS:COMMAND}).
 */
public record TimedCommand(Duration afterAnswer, CallCommand command) {

    /**
     * Parses {@code SECONDS:COMMAND}, e.g. {@code 2.5:hold} or {@code 4:dtmf 123}.
     *
     * @throws UsageException naming the option and the problem
     */
    public static TimedCommand parse(String option, String text) throws UsageException {
        int colon = text.indexOf(':');
        if (colon <= 0) {
            throw new UsageException(option + ": expected SECONDS:COMMAND, e.g. 2:hold, not '" + text + "'");
        }
        return new TimedCommand(seconds(option, text.substring(0, colon)), parseCommand(option,
                text.substring(colon + 1)));
    }

    /** {@code --hold-at S} and the like: the command at {@code seconds} after answer. */
    public static TimedCommand of(String option, double seconds, String command) throws UsageException {
        return new TimedCommand(seconds(option, Double.toString(seconds)), parseCommand(option, command));
    }

    private static CallCommand parseCommand(String option, String text) throws UsageException {
        try {
            return CallCommand.parse(text);
        } catch (UsageException e) {
            throw new UsageException(option + ": " + e.getMessage());
        }
    }

    private static Duration seconds(String option, String text) throws UsageException {
        double s;
        try {
            s = Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new UsageException(option + ": '" + text + "' is not a number of seconds");
        }
        if (!(s >= 0) || s > 86_400) {
            throw new UsageException(option + ": seconds must be 0..86400, not " + text);
        }
        return Duration.ofMillis(Math.round(s * 1000));
    }
}
