package org.minisip.server.location;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.minisip.server.store.AtomicFile;
import org.minisip.server.store.JsonRows;
import org.minisip.server.store.StoreWriter;
import org.minisip.sip.stack.Transport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the location service's bindings in the data dir, so phones stay reachable across a restart or a
 * {@code kill -9} without waiting for their next REGISTER. Two files: {@code registrations.json}, a snapshot in the
 * state-file format ({@link JsonRows}, replaced atomically), and {@code registrations.journal}, one JSON line per
 * changed AOR ({@code {"aor": .., "bindings": [...]}}, the AOR's full set after the change) appended on the
 * {@link StoreWriter} thread. A REGISTER therefore costs one short append, not a rewrite of every binding; the
 * journal is folded into a new snapshot (and deleted) once it has more lines than twice the bindings.
 *
 * <p>Loading reads the snapshot, then applies the journal (last line per AOR wins) and compacts. This is safe after
 * a crash between writing a snapshot and deleting the journal: the registrar answers 200 only once its change is in
 * the journal ({@link #saveThen}), so the journal's last line for an AOR holds everything acknowledged for it; a
 * newer state that only the snapshot holds was never acknowledged. A line cut short by a crash during an append is
 * skipped (that change was never acknowledged either).
 */
public final class RegistrationStore {
    private static final Logger LOG = LoggerFactory.getLogger(RegistrationStore.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, String>> ROW = new TypeReference<>() { };
    /** The journal is compacted when it has more lines than max(this, 2 × bindings). */
    static final int MIN_COMPACT_LINES = 1024;
    private final Path file;
    private final Path journal;
    private final StoreWriter writer;
    private final Clock clock;
    private volatile LocationService location;
    // guarded by "this": AORs changed since the last append, and who waits for that append
    private final Set<String> dirty = new LinkedHashSet<>();
    private final List<Runnable> waiting = new ArrayList<>();
    private boolean flushQueued;
    // writer thread only (and loadInto, before any change)
    private long journalLines;

    /** @param file the snapshot, {@code registrations.json}; the journal is {@code registrations.journal} beside it */
    public RegistrationStore(Path file, StoreWriter writer, Clock clock) {
        this.file = file;
        String name = file.getFileName().toString();
        this.journal = file.resolveSibling((name.endsWith(".json") ? name.substring(0, name.length() - 5) : name)
                + ".journal");
        this.writer = writer;
        this.clock = clock;
    }

    /**
     * Loads the saved bindings (expired ones skipped) into {@code into}; a damaged snapshot is logged and moved
     * aside ({@link JsonRows}), a damaged journal line logged and skipped. A journal found here is folded into a
     * fresh snapshot before returning.
     */
    public int loadInto(LocationService into) {
        this.location = into;
        Map<String, List<Binding>> byAor = new LinkedHashMap<>();
        JsonRows.read(file, r -> {   // a damaged snapshot is logged and moved aside
            Binding b = binding(r);
            byAor.computeIfAbsent(b.aor(), k -> new ArrayList<>()).add(b);
        });
        boolean hadJournal = Files.exists(journal);
        if (hadJournal) {
            replayJournal(byAor);
        }
        Instant now = clock.instant();
        int n = 0;
        for (List<Binding> list : byAor.values()) {
            for (Binding b : list) {
                if (!b.expired(now)) {
                    into.put(b);
                    n++;
                }
            }
        }
        if (n > 0 || hadJournal) {
            LOG.info("{} registration(s) restored from {}", n, hadJournal ? file + " + " + journal : file);
        }
        if (hadJournal) {
            try {
                compact();   // also drops a torn last line, so later appends start on a line of their own
            } catch (IOException | RuntimeException e) {
                LOG.error("cannot compact {}: {}", journal, e.toString());
            }
        }
        return n;
    }

    private void replayJournal(Map<String, List<Binding>> byAor) {
        int bad = 0;
        try (BufferedReader in = Files.newBufferedReader(journal, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    JsonNode j = JSON.readTree(line);
                    List<Binding> list = new ArrayList<>();
                    for (JsonNode r : j.get("bindings")) {
                        list.add(binding(JSON.convertValue(r, ROW)));
                    }
                    byAor.put(j.get("aor").asText(), list);
                } catch (IOException | RuntimeException e) {
                    bad++;
                }
            }
        } catch (IOException e) {
            LOG.error("ignoring unreadable {}: {}", journal, e.toString());
        }
        if (bad > 0) {
            LOG.warn("{}: skipped {} unreadable line(s) (a write cut short by a crash)", journal, bad);
        }
    }

    private static Binding binding(Map<String, String> r) {
        return new Binding(r.get("aor"), r.get("contact"), r.get("sourceHost"),
                Integer.parseInt(r.get("sourcePort")), Transport.parse(r.get("transport")), r.get("callId"),
                Long.parseLong(r.get("cseq")), Instant.parse(r.get("registeredAt")),
                Instant.parse(r.get("expiresAt")), r.getOrDefault("userAgent", ""));
    }

    /**
     * Schedules an append of {@code aor}'s current bindings and runs {@code afterDurable} (on the writer thread)
     * once they are in the file. Never blocks; changes to many AORs in a burst share one append.
     */
    public void saveThen(String aor, Runnable afterDurable) {
        boolean queue;
        synchronized (this) {
            dirty.add(aor);
            if (afterDurable != null) {
                waiting.add(afterDurable);
            }
            queue = !flushQueued;
            flushQueued = true;
        }
        if (queue) {
            writer.run(this::flush);
        }
    }

    private void flush() {
        List<String> aors;
        List<Runnable> after;
        synchronized (this) {
            aors = new ArrayList<>(dirty);
            after = new ArrayList<>(waiting);
            dirty.clear();
            waiting.clear();
            flushQueued = false;
        }
        LocationService l = location;
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(256 * aors.size());
            for (String aor : aors) {
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("aor", aor);
                line.put("bindings", rows(l == null ? List.of() : l.lookup(aor)));
                JSON.writeValue(out, line);
                out.write('\n');
            }
            Files.write(journal, out.toByteArray(), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
            journalLines += aors.size();
            if (journalLines > Math.max(MIN_COMPACT_LINES, 2L * (l == null ? 0 : l.size()))) {
                compact();
            }
        } catch (IOException | RuntimeException e) {
            LOG.error("cannot write {}: {}", journal, e.toString());
        }
        for (Runnable r : after) {
            try {
                r.run();
            } catch (RuntimeException e) {
                LOG.warn("after writing {}: {}", journal, e.toString());
            }
        }
    }

    /** Writes every binding as a new snapshot, then drops the journal it supersedes. */
    private void compact() throws IOException {
        LocationService l = location;
        AtomicFile.write(file, JsonRows.bytes(rows(l == null ? List.of() : l.all())), false);
        Files.deleteIfExists(journal);
        journalLines = 0;
    }

    private static List<Map<String, String>> rows(List<Binding> bindings) {
        List<Map<String, String>> rows = new ArrayList<>(bindings.size());
        for (Binding b : bindings) {
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
            rows.add(m);
        }
        return rows;
    }
}
