package org.minisip.server.trunk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Current state of every trunk, logged on each change and mirrored to {@code <data-dir>/trunk-status} (one line
 * per trunk, rewritten atomically) for {@code minisipserver-cli --trunk-status}. Called on the trunk timer
 * thread only, never on SIP threads (it writes a file).
 */
public final class TrunkStatus {
    private static final Logger LOG = LoggerFactory.getLogger(TrunkStatus.class);
    public static final String FILE = "trunk-status";

    /** What a trunk is doing. */
    public enum State { REGISTERING, REGISTERED, FAILED, UNREGISTERED, NOT_REGISTERING }

    private final Path file;
    private final Clock clock;
    private final Map<String, String> lines = new TreeMap<>();

    public TrunkStatus(Path dataDir, Clock clock) {
        this.file = dataDir == null ? null : dataDir.resolve(FILE);
        this.clock = clock;
    }

    /** Records a state with its detail (e.g. "200 OK expires=3600", "403 Forbidden, retry in 60s"). */
    public synchronized void set(String trunk, State state, String detail) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        String line = trunk + " " + state.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')
                + (detail == null || detail.isEmpty() ? "" : " " + detail);
        String old = lines.put(trunk, line + " since " + now);
        if (old == null || !old.startsWith(line + " since ")) {
            if (state == State.FAILED) {
                LOG.warn("trunk {}", line);
            } else {
                LOG.info("trunk {}", line);
            }
        }
        write();
    }

    public synchronized String line(String trunk) {
        return lines.get(trunk);
    }

    private void write() {
        if (file == null) {
            return;
        }
        try {
            Path tmp = file.resolveSibling(FILE + ".tmp");
            Files.writeString(tmp, String.join("\n", lines.values()) + "\n");
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.debug("cannot write {}: {}", file, e.toString());
        }
    }

    /** Server stopped: the file would only tell stale news. */
    public synchronized void clear() {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                LOG.debug("cannot delete {}: {}", file, e.toString());
            }
        }
    }
}
