package org.minisip.server.cdr;

import java.io.BufferedWriter;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.minisip.server.store.AtomicFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends CDR rows to {@code <dir>/YYYY-MM-DD.csv} (one file per local day, header row in each new file) with
 * Commons CSV. Writes happen on a single background thread so SIP threads never touch the disk; each row is
 * fsynced as soon as it is written (appended, never rewritten: a crash can at worst cut the last row short). Rows
 * that end while a write is under way are appended together with one fsync, so a busy server does not pay a file
 * open and an fsync per call.
 */
public final class CdrWriter implements AutoCloseable {
    public static final String[] COLUMNS = {"call_id", "start", "answer", "end", "caller", "callee", "duration",
        "disposition", "sip_status", "fci", "detail"};
    private static final Logger LOG = LoggerFactory.getLogger(CdrWriter.class);

    private final Path dir;
    private final ZoneId zone;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "cdr-writer");
        t.setDaemon(true);
        return t;
    });

    private final Queue<CdrRecord> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();

    public CdrWriter(Path dir, ZoneId zone) {
        this.dir = dir;
        this.zone = zone;
    }

    /** Queues a row; returns at once. Rows queued while a write is under way go out together in the next one. */
    public void write(CdrRecord r) {
        queue.add(r);
        if (scheduled.compareAndSet(false, true)) {
            try {
                executor.execute(this::drain);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                drain();   // closing: write inline rather than lose the row
            }
        }
    }

    private void drain() {
        scheduled.set(false);   // a row queued from here on schedules another drain
        Map<Path, List<CdrRecord>> byFile = new LinkedHashMap<>();
        for (CdrRecord r; (r = queue.poll()) != null; ) {
            byFile.computeIfAbsent(dir.resolve(LocalDate.ofInstant(r.start(), zone) + ".csv"),
                    k -> new ArrayList<>()).add(r);
        }
        byFile.forEach(this::append);
    }

    /** Appends rows to one day's file with one fsync: they survive a kill -9 or a power cut from here on. */
    private void append(Path file, List<CdrRecord> rows) {
        try {
            Files.createDirectories(dir);
            boolean fresh = !Files.exists(file) || Files.size(file) == 0;
            CSVFormat format = CSVFormat.DEFAULT.builder().setRecordSeparator("\n").build();
            try (FileOutputStream out = new FileOutputStream(file.toFile(), true);
                 BufferedWriter w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
                 CSVPrinter csv = new CSVPrinter(w, format)) {
                if (fresh) {
                    csv.printRecord((Object[]) COLUMNS);
                }
                for (CdrRecord r : rows) {
                    csv.printRecord(r.callId(), r.start(), r.answer() == null ? "" : r.answer(), r.end(), r.caller(),
                            r.callee(), r.durationSeconds(), r.disposition(), r.sipStatus(), r.fci(),
                            r.detail() == null ? "" : r.detail());
                }
                csv.flush();
                out.getFD().sync();
            }
            if (fresh) {
                AtomicFile.syncDirectory(dir);
            }
        } catch (IOException e) {
            LOG.error("cannot write {} CDR row(s) to {}: {}", rows.size(), file, e.toString());
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
