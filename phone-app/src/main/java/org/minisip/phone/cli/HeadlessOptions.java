package org.minisip.phone.cli;

import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The raw command line, as picocli fills it. {@link HeadlessSettings#from} validates it. Field names follow the
 * option names of the contract in ARCHITECTURE.md.
 */
@Command(name = "minisipphone", sortOptions = false, usageHelpAutoWidth = true,
        versionProvider = VersionProvider.class,
        header = "minisip softphone. Without --headless the desktop UI starts.",
        synopsisHeading = "%nUsage: ",
        description = {
            "",
            "Headless mode prints one state line per change on stdout (logs go to stderr):",
            "  registered <aor> expires=<s>        registration-failed <code> <reason>",
            "  incoming <from>                     ringing",
            "  answered <codec> srtp=<yes|no>      dtmf <digit>",
            "  hold | resumed                      (the peer holds us / resumed)",
            "  local-hold | local-resume           (our hold / resume took effect)",
            "  hold-failed|resume-failed <code> <reason>",
            "  transfer <code> <reason>            (our transfer's progress; then ended transferred)",
            "  referred <target>                   (the peer transferred us; the new call's lines follow)",
            "  consult-<line>                      (the consultation call's lines: consult-ringing,",
            "                                       consult-answered ..., consult-ended ...)",
            "  replaced <from>                     (an attended transfer replaced our call; ended replaced,",
            "                                       then the new call's lines follow)",
            "  message <from> <text>               (an instant message arrived)",
            "  message-sent <code> <reason> | message-failed <code> <reason>",
            "  blf <ext> idle|ringing|busy|unknown (--watch)  mwi yes|no [<new>/<old>]",
            "  subscription-failed <event> <target> <code> <reason>",
            "  call-failed <code> <reason>         ended <reason>",
            "  stats sent=<n> received=<n> lost=<n> late=<n> jb-delay-ms=<ms>   (the stats command)",
            "  play-start <epoch-us> rate=<hz>     record-start <epoch-us> rate=<hz>",
            "  record-end samples=<n> spread-ms=<min>..<max> p1-p99-ms=<p1>..<p99>",
            "                                      (these three with --media-timestamps)",
            "  (ended reasons: local-hangup remote-hangup cancelled rejected transferred replaced error)",
            "",
            "Incoming calls are answered only with --auto-answer; otherwise they are",
            "printed and rejected with 486 Busy Here. With --auto-answer and no",
            "--duration the phone exits after the first call ends; with --duration",
            "each answered call is hung up after that long and the phone keeps",
            "answering until Ctrl-C. A second call while one runs gets 486.",
            "Without a password nothing is registered; without --account, sip: URIs",
            "are called directly (handy for scripts and tests).",
            ""},
        footerHeading = "%nExit status:%n",
        footer = {"  0  call answered and ended normally, or registered (--register-only)",
            "  2  bad arguments, or the local SIP port cannot be bound",
            "  3  registration failed",
            "  4  call failed or not answered (the SIP status and reason are printed)"})
public final class HeadlessOptions {

    @Option(names = "--headless", description = "Run the CLI phone: no window, no audio device unless asked.")
    boolean headless;

    @Option(names = "--account", paramLabel = "URI",
            description = "sip:USER@HOST[:PORT][;transport=udp|tcp|tls] (port 5060, 5061 for tls). Repeatable: "
                    + "several accounts register at once, each on its own SIP port; incoming calls are taken on any,"
                    + " --call and --message-to use the first (the default).")
    java.util.List<String> account = new java.util.ArrayList<>();

    @Option(names = "--password", paramLabel = "PW",
            description = "Digest password (default: environment variable MINISIPPHONE_PASSWORD). With several "
                    + "--account options give one --password per account, in the same order.")
    java.util.List<String> password = new java.util.ArrayList<>();

    @Option(names = "--outbound-proxy", paramLabel = "HOST[:PORT][;transport=T]",
            description = "Send REGISTER and every request through this proxy (Route ;lr); the Request-URI and To "
                    + "stay on the account's domain. Transport defaults to the account's.")
    String outboundProxy;

    @Option(names = "--auth-user", paramLabel = "NAME", description = "Digest user name when it differs from USER.")
    String authUser;

    @Option(names = "--srtp", paramLabel = "MODE",
            description = "off|optional|mandatory: SDES SRTP AES_CM_128_HMAC_SHA1_80 (default: optional). With "
                    + "several accounts: once for all, or once per --account in the same order.")
    java.util.List<String> srtp = new java.util.ArrayList<>();

    @Option(names = "--tls-ca", paramLabel = "FILE", description = "Trust this PEM certificate or CA for TLS.")
    Path tlsCa;

    @Option(names = "--tls-insecure", description = "Accept any TLS server certificate (prints a warning).")
    boolean tlsInsecure;

    @Option(names = "--call", paramLabel = "TARGET", description = "Call an extension, a sip: URI or a tel: URI.")
    String call;

    @Option(names = "--auto-answer", description = "Answer incoming calls.")
    boolean autoAnswer;

    @Option(names = "--answer-after", paramLabel = "SECONDS",
            description = "With --auto-answer: let incoming calls ring this long before answering (default: at once).")
    Double answerAfter;

    @Option(names = "--play", paramLabel = "FILE.wav",
            description = "Audio to send: mono PCM WAV at 8, 16 or 48 kHz, looped (default: silence).")
    Path play;

    @Option(names = "--record", paramLabel = "FILE.wav", description = "Write received audio (mono 16-bit PCM).")
    Path record;

    @Option(names = "--media-timestamps",
            description = "Print 'play-start <epoch-us> rate=<hz>' when the first sample of a call's audio is sent, "
                    + "'record-start <epoch-us> rate=<hz>' when the first received sample is written, and "
                    + "'record-end samples=<n> spread-ms=<min>..<max> p1-p99-ms=<p1>..<p99>' when the call ends "
                    + "(for latency measurements).")
    boolean mediaTimestamps;

    @Option(names = "--duration", paramLabel = "SECONDS",
            description = "Hang up this long after answer; with --register-only, stay this long.")
    Double duration;

    @Option(names = "--codecs", paramLabel = "LIST", defaultValue = "pcmu,pcma",
            description = "Codec preference order from opus, g722, pcmu, pcma (default: ${DEFAULT-VALUE}).")
    String codecs;

    @Option(names = "--ptime", paramLabel = "MS",
            description = "Send packet time in ms, 10-60 (also offered as a=ptime). Default: the peer's a=ptime, else 20.")
    Integer ptime;

    @Option(names = "--dtmf", paramLabel = "DIGITS", description = "Send these digits after answer (see --dtmf-mode).")
    String dtmf;

    @Option(names = "--dtmf-mode", paramLabel = "MODE", defaultValue = "rfc4733",
            description = "rfc4733|info: send DTMF as RTP events (falls back to INFO when the peer has none) or as "
                    + "SIP INFO application/dtmf-relay (default: ${DEFAULT-VALUE}). Both are always received.")
    String dtmfMode;

    @Option(names = "--message-to", paramLabel = "TARGET",
            description = "Send an instant message (SIP MESSAGE via the server) to this extension or URI after "
                    + "registering; the text is --message. Exits after the result unless there is more to do.")
    String messageTo;

    @Option(names = "--message", paramLabel = "TEXT", description = "The instant message to send (see --message-to).")
    String message;

    @Option(names = "--watch", paramLabel = "EXT[,EXT...]",
            description = "Watch these extensions of the account's server (busy lamp field: SUBSCRIBE to their "
                    + "dialog events, RFC 4235) and print 'blf <ext> idle|ringing|busy|unknown' on each change.")
    String watch;

    @Option(names = "--mwi",
            description = "Subscribe to the account's message summary (RFC 3842) and print 'mwi yes|no [new/old]'. "
                    + "Unsolicited message-summary NOTIFYs from the server are printed anyway.")
    boolean mwi;

    @Option(names = "--hold-at", paramLabel = "SECONDS",
            description = "Put the call on hold (re-INVITE, sendonly) this long after answer.")
    Double holdAt;

    @Option(names = "--resume-at", paramLabel = "SECONDS", description = "Resume the held call this long after answer.")
    Double resumeAt;

    @Option(names = "--at", paramLabel = "SECONDS:COMMAND",
            description = "Run a command this long after answer; repeatable. Commands: hold, resume, "
                    + "stats (print media counters and the jitter-buffer delay), dtmf DIGITS, hangup, "
                    + "transfer TARGET (blind), consult TARGET (hold the call, call TARGET), "
                    + "attended-transfer (connect the held call to the consulted party, REFER with Replaces). "
                    + "E.g. --at '2:hold' --at '4:resume'.")
    java.util.List<String> at = new java.util.ArrayList<>();

    @Option(names = "--commands",
            description = "Read commands (hold, resume, stats, dtmf DIGITS, hangup, transfer TARGET, consult TARGET, "
                    + "attended-transfer) from standard input, "
                    + "one per line, "
                    + "applied to the current call.")
    boolean commands;

    @Option(names = "--local-port", paramLabel = "N", defaultValue = "0",
            description = "Local SIP port, 0 = any (default: ${DEFAULT-VALUE}).")
    int localPort;

    @Option(names = "--register-only", description = "Register, report, stay until --duration or Ctrl-C.")
    boolean registerOnly;

    @Option(names = "--audio-device", paramLabel = "NAME|default",
            description = "Use a sound device instead of files/silence (falls back to silence if none).")
    String audioDevice;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Desktop UI: settings, call history and trusted certificates "
                    + "(default: system property minisipphone.dataDir, else ~/.minisipphone).")
    Path dataDir;

    @Option(names = {"-v", "--verbose"}, description = "Debug logging on stderr.")
    boolean verbose;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = {"-V", "--version"}, versionHelp = true, description = "Print the version and exit.")
    boolean version;

    public boolean headless() {
        return headless;
    }

    public Path dataDir() {
        return dataDir;
    }

    public boolean verbose() {
        return verbose;
    }
}
