package org.minisip.server.routing;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.minisip.server.routing.MessageRouter.Stored;
import org.minisip.server.store.JsonRows;
import org.minisip.server.store.StoreWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Messages waiting for offline extensions, at most {@value #MAX_STORED} per extension (the oldest is dropped, with
 * a warning, when a new one arrives). Kept in {@code messages.json} in the data dir, rewritten atomically by the
 * {@link StoreWriter} thread, so a stored message survives a restart or {@code kill -9}: the sender's 202 goes out
 * only once the message is on disk. A message leaves the store when its recipient answered 2xx, not when it was
 * sent; while a delivery is under way the message is not sent a second time.
 */
final class MessageStore {
    static final int MAX_STORED = 100;
    private static final Logger LOG = LoggerFactory.getLogger(MessageStore.class);

    private final Path file;
    private final StoreWriter writer;
    private final Map<String, Deque<Stored>> byExtension = new TreeMap<>();
    private final Set<Stored> inFlight = Collections.newSetFromMap(new IdentityHashMap<>());

    MessageStore(Path file, StoreWriter writer) {
        this.file = file;
        this.writer = writer;
    }

    /** Reads the saved messages; a damaged file is logged and moved aside ({@link JsonRows}). */
    synchronized int load() {
        int n = JsonRows.read(file, r -> {
            Stored m = new Stored(r.get("from"), r.get("to"), Base64.getDecoder().decode(r.get("body")),
                    r.get("contentType"), Instant.parse(r.get("received")));
            byExtension.computeIfAbsent(m.to(), k -> new ArrayDeque<>()).addLast(m);
        });
        if (n > 0) {
            LOG.info("{} stored message(s) restored from {}", n, file);
        }
        return n;
    }

    /** Stores {@code m}; {@code afterDurable} runs (on the writer thread) once it is on disk. */
    void keep(Stored m, Runnable afterDurable) {
        synchronized (this) {
            Deque<Stored> q = byExtension.computeIfAbsent(m.to(), k -> new ArrayDeque<>());
            if (q.size() >= MAX_STORED) {
                Stored dropped = q.pollFirst();
                inFlight.remove(dropped);
                LOG.warn("message store for {} full: dropped the oldest, from {}", m.to(), dropped.from());
            }
            q.addLast(m);
        }
        writer.save(file, this::snapshot, afterDurable);
    }

    /** The stored messages for {@code ext} not already being delivered, oldest first, now marked in flight. */
    synchronized List<Stored> startDelivery(String ext) {
        Deque<Stored> q = byExtension.get(ext);
        if (q == null) {
            return List.of();
        }
        List<Stored> out = new ArrayList<>();
        for (Stored m : q) {
            if (inFlight.add(m)) {
                out.add(m);
            }
        }
        return out;
    }

    /** The recipient took {@code m} (2xx): it leaves the store. */
    void delivered(Stored m) {
        synchronized (this) {
            inFlight.remove(m);
            Deque<Stored> q = byExtension.get(m.to());
            if (q == null || !q.removeIf(x -> x == m)) {
                return;
            }
            if (q.isEmpty()) {
                byExtension.remove(m.to());
            }
        }
        writer.save(file, this::snapshot);
    }

    /** The delivery of {@code m} failed: it stays stored for the next registration. */
    synchronized void notDelivered(Stored m) {
        inFlight.remove(m);
    }

    synchronized int count(String ext) {
        Deque<Stored> q = byExtension.get(ext);
        return q == null ? 0 : q.size();
    }

    private byte[] snapshot() {
        List<Map<String, String>> rows = new ArrayList<>();
        synchronized (this) {
            for (Deque<Stored> q : byExtension.values()) {
                for (Stored m : q) {
                    Map<String, String> r = new LinkedHashMap<>();
                    r.put("from", m.from());
                    r.put("to", m.to());
                    r.put("contentType", m.contentType());
                    r.put("received", m.received().toString());
                    r.put("body", Base64.getEncoder().encodeToString(m.body()));
                    rows.add(r);
                }
            }
        }
        return JsonRows.bytes(rows);
    }
}
