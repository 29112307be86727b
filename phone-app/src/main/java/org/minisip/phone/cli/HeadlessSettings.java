package org.minisip.phone.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.minisip.media.codec.AudioCodec;
import org.minisip.media.codec.CodecRegistry;
import org.minisip.media.wav.WavFileSource;
import org.minisip.phone.engine.AccountUri;
import org.minisip.phone.engine.DtmfMode;
import org.minisip.phone.engine.OutboundProxy;
import org.minisip.sdp.SrtpMode;

/**
 * The headless command line after validation: every check that can fail with exit status 2 happens in
 * {@link #from}, before any socket is opened.
 *
 * @param account   parsed account, or null
 * @param password  from --password or MINISIPPHONE_PASSWORD, or null
 * @param codecs    SDP encoding names (upper case) in preference order
 * @param duration  hang-up (or --register-only stay) time, or null for "until the peer hangs up / Ctrl-C"
 * @param trust     how to verify the TLS server certificate
 * @param timedCommands commands to run in each answered call, by time after answer ({@code --at}, {@code --hold-at},
 *                  {@code --resume-at})
 * @param stdinCommands read commands from standard input ({@code --commands})
 * @param dtmfMode  how DTMF is sent ({@code --dtmf-mode})
 * @param ptimeMs   send packet time from --ptime (10-60), or 0 for "the peer's a=ptime, else 20"
 * @param messageTo target of the instant message to send after registering, or null
 * @param message   its text
 * @param watch     extensions to watch (busy lamp field, {@code --watch}), empty for none
 * @param mwi       subscribe to our mailbox's message summary ({@code --mwi})
 * @param answerAfter how long incoming calls ring before {@code --auto-answer} answers them (zero: at once)
 * @param outboundProxy the --outbound-proxy (of the first account), or null
 * @param moreAccounts the second and further --account options with their passwords and SRTP modes
 * @param mediaTimestamps print play-start / record-start / record-end lines ({@code --media-timestamps})
 */
public record HeadlessSettings(AccountUri account, String password, String authUser, SrtpMode srtp, Trust trust,
                               Path tlsCa, String call, boolean autoAnswer, Path play, Path record, Duration duration,
                               List<String> codecs, String dtmf, int localPort, boolean registerOnly,
                               String audioDevice, boolean verbose, List<TimedCommand> timedCommands,
                               boolean stdinCommands, DtmfMode dtmfMode, int ptimeMs, String messageTo,
                               String message, List<String> watch, boolean mwi,
                               Duration answerAfter, OutboundProxy outboundProxy, List<MoreAccount> moreAccounts,
                               boolean mediaTimestamps) {

    /** A further account (repeated --account): registers too and takes incoming calls; the first is the default. */
    public record MoreAccount(AccountUri account, String password, SrtpMode srtp) {
    }

    private static SrtpMode srtpMode(String m) throws UsageException {
        return switch (m.toLowerCase(Locale.ROOT)) {
            case "off" -> SrtpMode.OFF;
            case "optional" -> SrtpMode.OPTIONAL;
            case "mandatory" -> SrtpMode.MANDATORY;
            default -> throw new UsageException("--srtp must be off, optional or mandatory, not '" + m + "'");
        };
    }

    /** TLS server certificate policy. */
    public enum Trust { JVM_DEFAULT, PEM, INSECURE }

    public static final String PASSWORD_ENV = "MINISIPPHONE_PASSWORD";

    /**
     * Validates the options.
     *
     * @param env the process environment (for {@value #PASSWORD_ENV})
     * @throws UsageException naming the bad option and why
     */
    public static HeadlessSettings from(HeadlessOptions o, Map<String, String> env, CodecRegistry registry)
            throws UsageException {
        List<AccountUri> accounts = new ArrayList<>();
        for (String a : o.account) {
            try {
                accounts.add(AccountUri.parse(a));
            } catch (IllegalArgumentException e) {
                throw new UsageException("--account: " + e.getMessage());
            }
        }
        AccountUri account = accounts.isEmpty() ? null : accounts.get(0);
        if (accounts.size() > 1 && o.password.size() != accounts.size()) {
            throw new UsageException("with " + accounts.size() + " --account options give as many --password "
                    + "options, in the same order (got " + o.password.size() + ")");
        }
        if (o.password.size() > Math.max(1, accounts.size())) {
            throw new UsageException("more --password options than --account options");
        }
        if (o.srtp.size() > 1 && o.srtp.size() != accounts.size()) {
            throw new UsageException("--srtp: give it once for all accounts or once per --account");
        }
        List<SrtpMode> srtps = new ArrayList<>();
        for (String m : o.srtp.isEmpty() ? List.of("optional") : o.srtp) {
            srtps.add(srtpMode(m));
        }
        OutboundProxy proxy = null;
        if (o.outboundProxy != null) {
            if (account == null) {
                throw new UsageException("--outbound-proxy needs --account");
            }
            try {
                proxy = OutboundProxy.parse(o.outboundProxy, account.transport());
            } catch (IllegalArgumentException e) {
                throw new UsageException("--outbound-proxy: " + e.getMessage());
            }
        }
        String password = !o.password.isEmpty() ? o.password.get(0) : env.get(PASSWORD_ENV);
        if (password != null && password.isEmpty()) {
            password = null;
        }
        SrtpMode srtp = srtps.get(0);
        List<MoreAccount> more = new ArrayList<>();
        for (int i = 1; i < accounts.size(); i++) {
            String pw = o.password.get(i);
            if (pw.isEmpty()) {
                throw new UsageException("--password number " + (i + 1) + " is empty");
            }
            more.add(new MoreAccount(accounts.get(i), pw, srtps.get(srtps.size() == 1 ? 0 : i)));
        }
        List<String> codecs = codecs(o.codecs, registry);
        Trust trust = Trust.JVM_DEFAULT;
        if (o.tlsCa != null && o.tlsInsecure) {
            throw new UsageException("--tls-ca and --tls-insecure exclude each other");
        }
        if (o.tlsCa != null) {
            if (!Files.isReadable(o.tlsCa)) {
                throw new UsageException("--tls-ca: cannot read " + o.tlsCa);
            }
            trust = Trust.PEM;
        } else if (o.tlsInsecure) {
            trust = Trust.INSECURE;
        }
        Duration duration = null;
        if (o.duration != null) {
            if (!(o.duration > 0) || o.duration > 86_400 * 365) {
                throw new UsageException("--duration must be a positive number of seconds, not " + o.duration);
            }
            duration = Duration.ofMillis(Math.round(o.duration * 1000));
        }
        if (o.dtmf != null && !o.dtmf.matches("[0-9*#A-Da-d]+")) {
            throw new UsageException("--dtmf accepts only 0-9 * # A-D, not '" + o.dtmf + "'");
        }
        if (o.ptime != null && (o.ptime < 10 || o.ptime > 60)) {
            throw new UsageException("--ptime must be 10..60 ms, not " + o.ptime);
        }
        if (o.localPort < 0 || o.localPort > 65535) {
            throw new UsageException("--local-port must be 0..65535, not " + o.localPort);
        }
        checkCallTarget(o.call, account);
        if (o.registerOnly) {
            if (account == null || password == null) {
                throw new UsageException("--register-only needs --account and a password (--password or "
                        + PASSWORD_ENV + ")");
            }
            if (o.call != null) {
                throw new UsageException("--register-only and --call exclude each other");
            }
        }
        if ((o.messageTo == null) != (o.message == null)) {
            throw new UsageException("--message-to and --message go together");
        }
        if (o.message != null && (o.message.isBlank() || o.message.length() > 4000)) {
            throw new UsageException("--message must be 1..4000 characters");
        }
        if (o.messageTo != null && account == null) {
            throw new UsageException("--message-to needs --account (messages go through the server)");
        }
        if (account == null && o.call == null && !o.autoAnswer) {
            throw new UsageException("nothing to do: give --account, --call or --auto-answer (see --help)");
        }
        if (o.audioDevice != null && (o.play != null || o.record != null)) {
            throw new UsageException("--audio-device cannot be combined with --play or --record");
        }
        if (o.play != null) {
            checkWav(o.play);
        }
        if (o.record != null) {
            Path parent = o.record.toAbsolutePath().getParent();
            if (parent == null || !Files.isDirectory(parent) || !Files.isWritable(parent)) {
                throw new UsageException("--record: directory of " + o.record + " does not exist or is not writable");
            }
        }
        List<TimedCommand> timed = new ArrayList<>();
        if (o.holdAt != null) {
            timed.add(TimedCommand.of("--hold-at", o.holdAt, "hold"));
        }
        if (o.resumeAt != null) {
            if (o.holdAt == null || o.resumeAt <= o.holdAt) {
                throw new UsageException("--resume-at needs an earlier --hold-at");
            }
            timed.add(TimedCommand.of("--resume-at", o.resumeAt, "resume"));
        }
        for (String a : o.at) {
            timed.add(TimedCommand.parse("--at", a));
        }
        DtmfMode dtmfMode;
        try {
            dtmfMode = DtmfMode.parse(o.dtmfMode);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--dtmf-mode: " + e.getMessage());
        }
        timed.sort(java.util.Comparator.comparing(TimedCommand::afterAnswer));
        List<String> watch = watchList(o.watch);
        Duration answerAfter = Duration.ZERO;
        if (o.answerAfter != null) {
            if (!o.autoAnswer) {
                throw new UsageException("--answer-after needs --auto-answer");
            }
            if (!(o.answerAfter >= 0 && o.answerAfter <= 3600)) {
                throw new UsageException("--answer-after must be 0..3600 seconds, not " + o.answerAfter);
            }
            answerAfter = Duration.ofMillis(Math.round(o.answerAfter * 1000));
        }
        if ((!watch.isEmpty() || o.mwi) && (account == null || password == null)) {
            throw new UsageException((o.mwi ? "--mwi" : "--watch") + " needs --account and a password (--password or "
                    + PASSWORD_ENV + ")");
        }
        return new HeadlessSettings(account, password, o.authUser, srtp, trust, o.tlsCa, o.call, o.autoAnswer,
                o.play, o.record, duration, codecs, o.dtmf == null ? null : o.dtmf.toUpperCase(Locale.ROOT),
                o.localPort, o.registerOnly, o.audioDevice, o.verbose, List.copyOf(timed), o.commands, dtmfMode,
                o.ptime == null ? 0 : o.ptime, o.messageTo, o.message, watch, o.mwi,
                answerAfter, proxy, List.copyOf(more), o.mediaTimestamps);
    }

    /** {@code --watch 101,102}: extension numbers/names, comma-separated, each once. */
    private static List<String> watchList(String list) throws UsageException {
        if (list == null) {
            return List.of();
        }
        java.util.LinkedHashSet<String> out = new java.util.LinkedHashSet<>();
        for (String part : list.split(",")) {
            String ext = part.trim();
            if (!ext.matches("[A-Za-z0-9*#+._!~-]{1,64}")) {
                throw new UsageException("--watch: '" + ext + "' is not an extension (give e.g. --watch 101,102)");
            }
            out.add(ext);
        }
        if (out.size() > 64) {
            throw new UsageException("--watch: at most 64 extensions");
        }
        return List.copyOf(out);
    }

    /** True when the phone registers before doing anything else. */
    public boolean registers() {
        return account != null && password != null;
    }

    private static List<String> codecs(String list, CodecRegistry registry) throws UsageException {
        String supported = registry.all().stream().map(c -> c.encodingName().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "));
        List<String> names = new ArrayList<>();
        for (String raw : list.split(",")) {
            String name = raw.trim();
            if (name.isEmpty()) {
                continue;
            }
            AudioCodec c = registry.byName(name).orElseThrow(() -> new UsageException(
                    "--codecs: unknown codec '" + name + "' (supported: " + supported + ")"));
            if (!names.contains(c.encodingName().toUpperCase(Locale.ROOT))) {
                names.add(c.encodingName().toUpperCase(Locale.ROOT));
            }
        }
        if (names.isEmpty()) {
            throw new UsageException("--codecs: empty list (supported: " + supported + ")");
        }
        return List.copyOf(names);
    }

    private static void checkCallTarget(String call, AccountUri account) throws UsageException {
        if (call == null) {
            return;
        }
        String lower = call.toLowerCase(Locale.ROOT);
        if (lower.startsWith("sip:") || lower.startsWith("sips:")) {
            if (!call.contains("@") && call.length() <= 4) {
                throw new UsageException("--call: incomplete URI '" + call + "'");
            }
            if (lower.startsWith("sips:") && account == null) {
                throw new UsageException("--call: sips: URIs need an --account with transport=tls");
            }
        } else if (lower.startsWith("tel:")) {
            if (account == null) {
                throw new UsageException("--call: a tel: URI is sent to the account's server: give --account");
            }
        } else if (!call.matches("[A-Za-z0-9*#+._!~-]+")) {
            throw new UsageException("--call: '" + call + "' is neither an extension nor a sip:/tel: URI");
        } else if (account == null) {
            throw new UsageException("--call: calling extension '" + call + "' needs --account");
        }
    }

    private static void checkWav(Path play) throws UsageException {
        if (!Files.isReadable(play)) {
            throw new UsageException("--play: cannot read " + play);
        }
        try {
            new WavFileSource(play, 8000, false);
        } catch (RuntimeException e) {
            throw new UsageException("--play: " + play + " is not a usable WAV file (" + e.getMessage() + ")");
        }
    }
}
