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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.minisip.server.store.AtomicFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends CDR rows to {@code <dir>/YYYY-MM-DD.csv} (one file per local day, header row in each new file) with
 * Commons CSV. Writes happen on a single background thread so SIP threads never touch the disk; each row is
 * fsynced as soon as it is written (appended, never rewritten: a crash can at worst cut the last row short).
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

    public CdrWriter(Path dir, ZoneId zone) {
        this.dir = dir;
        this.zone = zone;
    }

    /** Queues a row; returns at once. */
    public void write(CdrRecord r) {
        executor.execute(() -> append(r));
    }

    private void append(CdrRecord r) {
        LocalDate day = LocalDate.ofInstant(r.start(), zone);
        Path file = dir.resolve(day + ".csv");
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
                csv.printRecord(r.callId(), r.start(), r.answer() == null ? "" : r.answer(), r.end(), r.caller(),
                        r.callee(), r.durationSeconds(), r.disposition(), r.sipStatus(), r.fci(),
                        r.detail() == null ? "" : r.detail());
                csv.flush();
                out.getFD().sync();   // the row survives a kill -9 or a power cut from here on
            }
            if (fresh) {
                AtomicFile.syncDirectory(dir);
            }
        } catch (IOException e) {
            LOG.error("cannot write CDR to {}: {}", file, e.toString());
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
