package org.minisip.phone.cli;

import java.util.Locale;

/**
 * One thing to do in the current call, from {@code --at SECONDS:COMMAND}, {@code --hold-at}/{@code --resume-at}, or a
 * line on standard input with {@code --commands}: {@code hold}, {@code resume}, {@code stats} (print
 * {@code stats sent=<n> received=<n> lost=<n> late=<n> jb-delay-ms=<ms>}: packets, and the audio the jitter buffer
 * holds ahead of playout right now), {@code dtmf DIGITS},
 * {@code hangup}, {@code transfer TARGET} (blind transfer; TARGET as for {@code --call}), {@code consult TARGET}
 * (hold the call and place a consultation call to TARGET), {@code attended-transfer} (REFER with Replaces: the held
 * call's peer takes the consultation call's place, RFC 5589 §7).
 *
 * @param verb the command word
 * @param arg  its argument (digits for dtmf), or null
 */
public record CallCommand(Verb verb, String arg) {

    /** The command words. */
    public enum Verb { HOLD, RESUME, STATS, DTMF, HANGUP, TRANSFER, CONSULT, ATTENDED_TRANSFER }

    /**
     * Parses {@code hold}, {@code resume}, {@code hangup}, {@code dtmf DIGITS} (digits 0-9 * # A-D) or
     * {@code transfer TARGET}; the command word is case-insensitive.
     *
     * @throws UsageException naming what is wrong
     */
    public static CallCommand parse(String text) throws UsageException {
        String t = text.trim();
        String[] parts = t.split("\\s+", 2);
        String word = parts[0].toLowerCase(Locale.ROOT);
        String arg = parts.length > 1 ? parts[1].trim() : null;
        switch (word) {
            case "hold", "resume", "hangup", "stats" -> {
                if (arg != null) {
                    throw new UsageException("'" + word + "' takes no argument");
                }
                return new CallCommand(Verb.valueOf(word.toUpperCase(Locale.ROOT)), null);
            }
            case "dtmf" -> {
                if (arg == null || !arg.matches("[0-9*#A-Da-d]+")) {
                    throw new UsageException("'dtmf' needs digits 0-9 * # A-D, e.g. 'dtmf 123#'");
                }
                return new CallCommand(Verb.DTMF, arg.toUpperCase(Locale.ROOT));
            }
            case "transfer", "consult" -> {
                if (arg == null || !arg.matches("[A-Za-z0-9*#+._!~:@;=\\[\\]-]+")) {
                    throw new UsageException("'" + word + "' needs a target: an extension or a sip: URI");
                }
                return new CallCommand(word.equals("transfer") ? Verb.TRANSFER : Verb.CONSULT, arg);
            }
            case "attended-transfer" -> {
                if (arg != null) {
                    throw new UsageException("'attended-transfer' takes no argument (it connects the held call "
                            + "to the consultation call)");
                }
                return new CallCommand(Verb.ATTENDED_TRANSFER, null);
            }
            default -> throw new UsageException("unknown command '" + t
                    + "' (hold, resume, stats, dtmf DIGITS, hangup, transfer TARGET, consult TARGET, "
                    + "attended-transfer)");
        }
    }
}
