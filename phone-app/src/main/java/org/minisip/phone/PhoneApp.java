package org.minisip.phone;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import javax.net.ssl.TrustManager;
import org.minisip.media.codec.CodecRegistry;
import org.minisip.phone.audio.AudioBackend;
import org.minisip.phone.audio.AudioBackends;
import org.minisip.phone.cli.ExitCode;
import org.minisip.phone.cli.HeadlessOptions;
import org.minisip.phone.cli.HeadlessRunner;
import org.minisip.phone.cli.HeadlessSettings;
import org.minisip.phone.cli.Signals;
import org.minisip.phone.cli.UsageException;
import org.minisip.phone.config.DataDir;
import org.minisip.phone.engine.PhoneConfig;
import org.minisip.phone.engine.PhoneEngine;
import org.minisip.phone.ui.DesktopApp;
import org.minisip.sip.tls.TrustOptions;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * Entry point and the one place where the headless phone is assembled: options → settings → audio backend, engine
 * thread, engine and front end, all wired through constructors. Without {@code --headless} it starts the desktop UI
 * ({@link DesktopApp}, which wires its own parts) and returns {@link #DESKTOP_RUNNING}: the JVM then lives until the
 * user quits.
 */
public final class PhoneApp {
    /** {@link #run}'s result when the desktop UI was started and keeps the JVM running. */
    static final int DESKTOP_RUNNING = -1;

    private PhoneApp() {
    }

    public static void main(String[] args) {
        int status = run(args, System.getenv(), System.out, System.err);
        if (status != DESKTOP_RUNNING) {
            System.exit(status);
        }
    }

    /** Runs the phone with the given streams and environment; returns the exit status. */
    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        HeadlessOptions options = new HeadlessOptions();
        CommandLine cl = new CommandLine(options).setCaseInsensitiveEnumValuesAllowed(true);
        try {
            cl.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            err.println("minisipphone: " + e.getMessage() + " (see --help)");
            return ExitCode.USAGE;
        }
        if (cl.isUsageHelpRequested()) {
            cl.usage(out);
            return ExitCode.OK;
        }
        if (cl.isVersionHelpRequested()) {
            cl.printVersionHelp(out);
            return ExitCode.OK;
        }
        if (!options.headless()) {
            return desktop(options, err);
        }
        CodecRegistry codecs = CodecRegistry.defaults();
        HeadlessSettings settings;
        TrustManager[] trust;
        try {
            settings = HeadlessSettings.from(options, env, codecs);
            trust = trust(settings, err);
        } catch (UsageException e) {
            err.println("minisipphone: " + e.getMessage());
            return ExitCode.USAGE;
        }
        configureLogging(settings.verbose());
        AudioBackend audio = AudioBackends.choose(settings.audioDevice(), settings.play(), settings.record(), err);
        if (settings.mediaTimestamps()) {
            audio = new org.minisip.phone.audio.TimestampedBackend(audio, line -> {
                synchronized (out) {
                    out.println(line);
                    out.flush();
                }
            });
        }
        PhoneConfig config = new PhoneConfig(settings.account(), settings.password(), settings.authUser(),
                settings.srtp(), trust, settings.codecs(), settings.localPort(), null, PhoneConfig.DEFAULT_EXPIRES,
                PhoneConfig.DEFAULT_REGISTER_TIMEOUT, "minisipphone", settings.dtmfMode(),
                settings.ptimeMs()).withOutboundProxy(settings.outboundProxy());
        ScheduledExecutorService engineThread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "phone-engine");
            t.setDaemon(true);
            return t;
        });
        HeadlessRunner runner = new HeadlessRunner(settings, out, err);
        PhoneEngine engine = new PhoneEngine(config, audio, codecs, runner::onEvent, engineThread, new SecureRandom());
        List<ScheduledExecutorService> threads = new ArrayList<>(List.of(engineThread));
        for (HeadlessSettings.MoreAccount m : settings.moreAccounts()) {
            ScheduledExecutorService t = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread th = new Thread(r, "phone-engine-" + m.account().user());
                th.setDaemon(true);
                return th;
            });
            threads.add(t);
            PhoneConfig c = new PhoneConfig(m.account(), m.password(), null, m.srtp(), trust, settings.codecs(), 0,
                    null, PhoneConfig.DEFAULT_EXPIRES, PhoneConfig.DEFAULT_REGISTER_TIMEOUT, "minisipphone",
                    settings.dtmfMode(), settings.ptimeMs());
            engine.addAccount(new PhoneEngine(c, audio, codecs, runner::onEvent, t, new SecureRandom()));
        }
        Signals.onStop(runner::requestStop);
        runner.readCommands(System.in);
        try {
            return runner.run(engine);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCode.CALL_FAILED;
        } finally {
            engine.close();
            threads.forEach(ScheduledExecutorService::shutdownNow);
        }
    }

    private static int desktop(HeadlessOptions options, PrintStream err) {
        if (java.awt.GraphicsEnvironment.isHeadless()) {
            err.println("minisipphone: no display available (is DISPLAY set?); use --headless for the CLI phone"
                    + " (see --help)");
            return ExitCode.USAGE;
        }
        configureLogging(options.verbose());
        DataDir dir = DataDir.resolve(options.dataDir());
        try {
            DesktopApp.start(dir, System::exit);
            return DESKTOP_RUNNING;
        } catch (java.io.IOException e) {
            err.println("minisipphone: cannot use the data directory " + dir.root() + ": " + e.getMessage());
            return ExitCode.USAGE;
        }
    }

    private static TrustManager[] trust(HeadlessSettings s, PrintStream err) throws UsageException {
        try {
            // the server must also be the one we dial (RFC 5922), unless its certificate is the pinned one itself
            String host = s.account() == null ? null : s.account().host();
            switch (s.trust()) {
                case PEM:
                    TrustManager[] pem = TrustOptions.trustPem(s.tlsCa());
                    return host == null ? pem : TrustOptions.forHost(pem, host, s.tlsCa());
                case INSECURE:
                    err.println("minisipphone: WARNING: --tls-insecure: the server certificate is NOT verified;"
                            + " anyone on the path can impersonate the server");
                    return TrustOptions.insecure();
                default:
                    TrustManager[] jvm = TrustOptions.jvmDefault();
                    return host == null ? jvm : TrustOptions.forHost(jvm, host, null);
            }
        } catch (Exception e) {
            throw new UsageException("--tls-ca: cannot use " + s.tlsCa() + ": " + e.getMessage());
        }
    }

    private static void configureLogging(boolean verbose) {
        // jitsi-srtp's loader reports through java.util.logging (stderr, INFO): keep it to warnings unless -v
        java.util.logging.Logger.getLogger("").setLevel(verbose ? java.util.logging.Level.INFO
                : java.util.logging.Level.WARNING);
        if (verbose && LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext ctx) {
            ctx.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.INFO);
            ctx.getLogger("org.minisip").setLevel(Level.DEBUG);
        }
    }
}
