package org.minisip.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.minisip.server.security.BanList;
import org.minisip.server.store.StoreWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code minisipserver-cli [--data-dir DIR] bans [--lift IP]}: lists the current bans or lifts one. Talks to the
 * running server through {@code DIR/admin.sock}; when no server runs, reads or edits {@code security/bans.json}
 * (which the server loads when it starts). Exit 0 on success, 1 when the address was not banned, 3 when the
 * data dir has no server state.
 */
@Command(name = "bans", mixinStandardHelpOptions = true,
        description = "List current bans (address, until, seconds left, reason) or lift one with --lift.")
final class BansCommand implements Callable<Integer> {
    @ParentCommand
    ServerCommand parent;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "the server's data directory; default: "
            + "the one given before 'bans', else $HOME/.minisipserver")
    Path dataDir;

    @Option(names = "--lift", paramLabel = "IP", description = "lift the ban on this address")
    String lift;

    @Override
    public Integer call() throws Exception {
        Path dir = dataDir != null ? dataDir : parent != null && parent.dataDir != null ? parent.dataDir
                : Path.of(System.getProperty("user.home"), ".minisipserver");
        Path sock = dir.resolve("admin.sock");
        String reply;
        if (Files.exists(sock)) {
            try {
                reply = ask(sock, lift == null ? "bans" : "unban " + lift);
                return print(reply);
            } catch (IOException stale) {
                System.err.println("minisipserver-cli: server not reachable on " + sock + " (" + stale.getMessage()
                        + "); using the saved ban list");
            }
        }
        Path file = dir.resolve("security").resolve("bans.json");
        if (!Files.isDirectory(dir)) {
            System.err.println("minisipserver-cli: " + dir + " is not a server data directory");
            return 3;
        }
        try (StoreWriter store = new StoreWriter()) {
            BanList bans = new BanList(Clock.systemUTC(), file, store);
            bans.load();
            if (lift != null) {
                reply = (bans.lift(lift).isPresent() ? "lifted " : "not-banned ") + lift + "\n";
            } else {
                StringBuilder sb = new StringBuilder();
                for (BanList.Ban b : bans.list()) {
                    sb.append(b.address()).append('\t').append(b.until()).append('\t')
                            .append(java.time.Duration.between(java.time.Instant.now(), b.until()).toSeconds())
                            .append('\t').append(b.reason()).append('\n');
                }
                reply = sb.toString();
            }
        }
        return print(reply);
    }

    private static int print(String reply) {
        if (reply.isEmpty()) {
            System.out.println("no bans");
            return 0;
        }
        System.out.print(reply);
        return reply.startsWith("not-banned") ? 1 : reply.startsWith("error") ? 2 : 0;
    }

    static String ask(Path sock, String command) throws IOException {
        try (SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            c.connect(UnixDomainSocketAddress.of(sock));
            c.write(java.nio.ByteBuffer.wrap((command + "\n").getBytes(StandardCharsets.UTF_8)));
            c.shutdownOutput();
            StringBuilder sb = new StringBuilder();
            BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(c),
                    StandardCharsets.UTF_8));
            for (String l; (l = in.readLine()) != null; ) {
                sb.append(l).append('\n');
            }
            return sb.toString();
        }
    }
}
