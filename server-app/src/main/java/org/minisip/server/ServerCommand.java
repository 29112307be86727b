package org.minisip.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.minisip.server.config.ConfigException;
import org.minisip.server.config.ConfigLoader;
import org.minisip.server.config.DefaultConfig;
import org.minisip.server.config.ServerConfig;
import org.minisip.sip.stack.Transport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code minisipserver-cli [--data-dir DIR] [--config FILE] [--version] [--help]}. Exit 2 on a bad config. */
@Command(name = "minisipserver-cli", mixinStandardHelpOptions = true, versionProvider = ServerCommand.Version.class,
        subcommands = BansCommand.class,
        description = "minisip SIP PBX server: registrar, B2BUA call routing, CDRs.")
public final class ServerCommand implements Callable<Integer> {
    static final int EXIT_CONFIG = 2;
    static final int EXIT_START = 1;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "data directory (config, tls/, cdr/); default: $HOME/.minisipserver")
    Path dataDir;

    @Option(names = "--config", paramLabel = "FILE", description = "config file; default: DIR/server.yaml")
    Path configFile;

    @Option(names = "--trunk-status", description = "print the trunk status of the server running on DIR and exit")
    boolean trunkStatus;

    @Override
    public Integer call() throws Exception {
        Path dir = dataDir != null ? dataDir : Path.of(System.getProperty("user.home"), ".minisipserver");
        Path cfgFile = configFile != null ? configFile : dir.resolve("server.yaml");
        if (trunkStatus) {
            return printTrunkStatus(dir);
        }
        Files.createDirectories(dir);
        if (configFile == null && !Files.exists(cfgFile)) {
            Map<String, String> pw = new DefaultConfig(new SecureRandom()).write(cfgFile);
            System.out.println("First start: wrote " + cfgFile + " with these extensions (shown only once):");
            pw.forEach((n, p) -> System.out.println("  extension " + n + "  password " + p));
        }
        ServerConfig config;
        try {
            config = new ConfigLoader().load(cfgFile);
        } catch (ConfigException e) {
            System.err.println("minisipserver: " + e.getMessage());
            return EXIT_CONFIG;
        }
        PbxServer server;
        try {
            server = PbxServer.start(config, dir, false);
        } catch (Exception e) {
            System.err.println("minisipserver: cannot start: " + e.getMessage());
            return EXIT_START;
        }
        StringBuilder sb = new StringBuilder("minisipserver listening on " + config.sip().bind());
        for (Transport t : Transport.values()) {
            if (server.has(t)) {
                sb.append(' ').append(t.token()).append(' ').append(server.port(t));
            }
        }
        if (server.callbackPort() != 0) {
            sb.append(" callback ").append(server.callbackPort());
        }
        System.out.println(sb);
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stop.countDown();
        }, "shutdown"));
        stop.await();
        return 0;
    }

    /** Prints {@code DIR/trunk-status}, which a running server keeps current (one line per trunk). */
    private static int printTrunkStatus(Path dir) throws java.io.IOException {
        Path f = dir.resolve(org.minisip.server.trunk.TrunkStatus.FILE);
        if (!Files.exists(f)) {
            System.err.println("minisipserver: no trunk status in " + dir
                    + " (server not running, or no trunks configured)");
            return EXIT_START;
        }
        System.out.print(Files.readString(f));
        return 0;
    }

    /** Version from the jar manifest (set by the build). */
    static final class Version implements picocli.CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = PbxServer.class.getPackage().getImplementationVersion();
            return new String[] {"minisipserver " + (v != null ? v : "dev")};
        }
    }
}
