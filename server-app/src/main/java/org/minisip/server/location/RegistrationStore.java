package org.minisip.server.location;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.minisip.server.store.JsonRows;
import org.minisip.server.store.StoreWriter;
import org.minisip.sip.stack.Transport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the location service's bindings in {@code registrations.json} in the data dir, so phones stay reachable
 * across a restart or a {@code kill -9} without waiting for their next REGISTER. The file is rewritten
 * atomically by the {@link StoreWriter} thread after every change; the registrar sends its 200 only once the
 * change is on disk ({@link #saveThen}).
 */
public final class RegistrationStore {
    private static final Logger LOG = LoggerFactory.getLogger(RegistrationStore.class);
    private final Path file;
    private final StoreWriter writer;
    private final Clock clock;
    private volatile LocationService location;

    public RegistrationStore(Path file, StoreWriter writer, Clock clock) {
        this.file = file;
        this.writer = writer;
        this.clock = clock;
    }

    /**
     * Loads the saved bindings (expired ones skipped) into {@code into}; a damaged file is logged and moved aside
     * ({@link JsonRows}).
     */
    public int loadInto(LocationService into) {
        this.location = into;
        if (!Files.exists(file)) {
            return 0;
        }
        Instant now = clock.instant();
        int[] restored = {0};
        JsonRows.read(file, r -> {
            Binding b = new Binding(r.get("aor"), r.get("contact"), r.get("sourceHost"),
                    Integer.parseInt(r.get("sourcePort")), Transport.parse(r.get("transport")), r.get("callId"),
                    Long.parseLong(r.get("cseq")), Instant.parse(r.get("registeredAt")),
                    Instant.parse(r.get("expiresAt")), r.getOrDefault("userAgent", ""));
            if (!b.expired(now)) {
                into.put(b);
                restored[0]++;
            }
        });
        LOG.info("{} registration(s) restored from {}", restored[0], file);
        return restored[0];
    }

    /** Schedules a rewrite; never blocks. */
    public void save() {
        writer.save(file, this::snapshot);
    }

    /** Schedules a rewrite and runs {@code afterDurable} (on the writer thread) once it is on disk. */
    public void saveThen(Runnable afterDurable) {
        writer.save(file, this::snapshot, afterDurable);
    }

    private byte[] snapshot() {
        LocationService l = location;
        List<Map<String, String>> rows = l == null ? List.of() : l.all().stream().map(b -> {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("aor", b.aor());
            m.put("contact", b.contactUri());
            m.put("sourceHost", b.sourceHost());
            m.put("sourcePort", Integer.toString(b.sourcePort()));
            m.put("transport", b.transport().token());
            m.put("callId", b.callId());
            m.put("cseq", Long.toString(b.cseq()));
            m.put("registeredAt", b.registeredAt().toString());
            m.put("expiresAt", b.expiresAt().toString());
            m.put("userAgent", b.userAgent());
            return m;
        }).toList();
        return JsonRows.bytes(rows);
    }
}
