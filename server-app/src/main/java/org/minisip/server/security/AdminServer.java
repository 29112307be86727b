package org.minisip.server.security;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's line to a running server: a Unix domain socket {@code admin.sock} in the data dir, mode 0600
 * (only the server's user can connect). One command per connection, one line in, text lines out, then close:
 * <ul>
 *   <li>{@code bans} → one line per ban: {@code <ip>\t<until>\t<seconds left>\t<reason>}</li>
 *   <li>{@code unban <ip>} → {@code lifted <ip>} or {@code not-banned <ip>}</li>
 *   <li>{@code stats} → drop counters</li>
 * </ul>
 * Runs on its own daemon thread; {@code minisipserver-cli bans} is the client.
 */
public final class AdminServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AdminServer.class);
    private final Path socketPath;
    private final ServerSocketChannel server;
    private final BanList bans;
    private final SipGuard guard;
    private final Clock clock;
    private final Thread thread;

    private AdminServer(Path socketPath, ServerSocketChannel server, BanList bans, SipGuard guard, Clock clock) {
        this.socketPath = socketPath;
        this.server = server;
        this.bans = bans;
        this.guard = guard;
        this.clock = clock;
        this.thread = new Thread(this::serve, "admin");
        this.thread.setDaemon(true);
    }

    /** Binds {@code socketPath} (replacing a stale socket file) and starts serving. */
    public static AdminServer start(Path socketPath, BanList bans, SipGuard guard, Clock clock) throws IOException {
        Files.deleteIfExists(socketPath);
        ServerSocketChannel ch = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        ch.bind(UnixDomainSocketAddress.of(socketPath));
        try {
            Files.setPosixFilePermissions(socketPath, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system: the data dir's own permissions protect it
        }
        AdminServer a = new AdminServer(socketPath, ch, bans, guard, clock);
        a.thread.start();
        return a;
    }

    private void serve() {
        while (server.isOpen()) {
            try (SocketChannel c = server.accept()) {
                BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(c),
                        StandardCharsets.UTF_8));
                String line = in.readLine();
                OutputStream out = Channels.newOutputStream(c);
                out.write(handle(line == null ? "" : line.trim()).getBytes(StandardCharsets.UTF_8));
                out.flush();
            } catch (IOException e) {
                if (server.isOpen()) {
                    LOG.debug("admin connection: {}", e.toString());
                }
            }
        }
    }

    String handle(String command) {
        String[] w = command.split("\\s+", 2);
        switch (w[0]) {
            case "bans" -> {
                StringBuilder sb = new StringBuilder();
                for (BanList.Ban b : bans.list()) {
                    long left = Math.max(0, Duration.between(clock.instant(), b.until()).toSeconds());
                    sb.append(b.address()).append('\t').append(b.until()).append('\t').append(left).append('\t')
                            .append(b.reason()).append('\n');
                }
                return sb.toString();
            }
            case "unban" -> {
                if (w.length < 2) {
                    return "error usage: unban <ip>\n";
                }
                Optional<BanList.Ban> lifted = bans.lift(w[1].trim());
                return (lifted.isPresent() ? "lifted " : "not-banned ") + w[1].trim() + "\n";
            }
            case "stats" -> {
                SipGuard.Counters c = guard.counters();
                return "dropped blacklisted=" + c.blacklisted() + " banned=" + c.banned() + " flood=" + c.flood()
                        + " scanner=" + c.scanner() + " active-bans=" + bans.list().size() + "\n";
            }
            default -> {
                return "error unknown command (bans, unban <ip>, stats)\n";
            }
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing
        }
        try {
            Files.deleteIfExists(socketPath);
        } catch (IOException ignored) {
            // best effort
        }
    }
}
