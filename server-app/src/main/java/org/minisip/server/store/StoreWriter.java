package org.minisip.server.store;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One background thread that rewrites state files atomically ({@link AtomicFile}, temp file + rename, no fsync:
 * the files survive the process being killed; a power cut may lose the last changes), so SIP threads never touch
 * the disk. Requests for the same file coalesce: the snapshot is taken when the write runs, so the last change
 * is always written and a burst of changes costs one or two writes. A caller that must not confirm a change
 * before it is on disk passes a callback: it runs (on the writer thread) after a write that includes the change.
 */
public final class StoreWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StoreWriter.class);

    private record Pending(Supplier<byte[]> snapshot, List<Runnable> afterDurable) {
    }

    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "store-writer");
        t.setDaemon(true);
        return t;
    });
    private final Map<Path, Pending> pending = new HashMap<>();

    /** Schedules a rewrite of {@code file} with what {@code snapshot} returns at write time. Never blocks. */
    public void save(Path file, Supplier<byte[]> snapshot) {
        save(file, snapshot, null);
    }

    /**
     * As {@link #save(Path, Supplier)}; {@code afterDurable} (may be null) runs once the file holds a snapshot
     * taken after this call (also when the write failed: the failure is logged, the in-memory state stays).
     */
    public void save(Path file, Supplier<byte[]> snapshot, Runnable afterDurable) {
        synchronized (pending) {
            Pending p = pending.get(file);
            if (p != null) {
                if (afterDurable != null) {
                    p.afterDurable().add(afterDurable);
                }
                return;
            }
            p = new Pending(snapshot, new ArrayList<>());
            if (afterDurable != null) {
                p.afterDurable().add(afterDurable);
            }
            pending.put(file, p);
        }
        try {
            executor.execute(() -> write(file));
        } catch (RejectedExecutionException e) {
            write(file);   // closing: write inline rather than lose the change
        }
    }

    private void write(Path file) {
        Pending p;
        synchronized (pending) {
            p = pending.remove(file);
        }
        if (p == null) {
            return;
        }
        try {
            AtomicFile.write(file, p.snapshot().get(), false);
        } catch (IOException | RuntimeException e) {
            LOG.error("cannot write {}: {}", file, e.toString());
        }
        for (Runnable r : p.afterDurable()) {
            try {
                r.run();
            } catch (RuntimeException e) {
                LOG.warn("after writing {}: {}", file, e.toString());
            }
        }
    }

    /**
     * Runs {@code task} on the writer thread, after every write queued before it (inline when closing). For
     * stores that append instead of rewriting; the task does its own I/O and must not throw.
     */
    public void run(Runnable task) {
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) {
            task.run();
        }
    }

    /** Writes what is queued, then stops. */
    @Override
    public void close() {
        executor.shutdown();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
