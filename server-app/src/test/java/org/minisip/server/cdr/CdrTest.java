package org.minisip.server.cdr;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CdrTest {
    @Test
    void q850FromReasonHeaderAndFromStatus() {
        assertThat(Q850.fromReason("Q.850;cause=17;text=\"User busy\"")).isEqualTo(17);
        assertThat(Q850.fromReason("SIP;cause=200;text=\"x\", Q.850 ; cause = 31")).isEqualTo(31);
        assertThat(Q850.fromReason("SIP;cause=487")).isEqualTo(-1);
        assertThat(Q850.fromReason(null)).isEqualTo(-1);
        assertThat(Q850.fromSipStatus(486)).isEqualTo(17);
        assertThat(Q850.fromSipStatus(404)).isEqualTo(1);
        assertThat(Q850.fromSipStatus(480)).isEqualTo(18);
        assertThat(Q850.fromSipStatus(408)).isEqualTo(102);
        assertThat(Q850.fromSipStatus(488)).isEqualTo(127);
    }

    @Test
    void rowsGoToTheDailyFileWithHeaderAndFci(@TempDir Path dir) throws Exception {
        Instant start = Instant.parse("2026-03-04T10:00:00Z");
        try (CdrWriter w = new CdrWriter(dir, ZoneOffset.UTC)) {
            w.write(new CdrRecord("c1@x", start, start.plusSeconds(3), start.plusSeconds(65), "100", "101",
                    "ANSWERED", 200, "callee", 16));
            w.write(new CdrRecord("c2@x", start, null, start.plusSeconds(5), "100", "102, \"x\"", "BUSY", 486,
                    "callee", 17));
        }
        Path file = dir.resolve("2026-03-04.csv");
        try (Reader r = Files.newBufferedReader(file)) {
            List<CSVRecord> rows = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build()
                    .parse(r).getRecords();
            assertThat(rows).hasSize(2);
            assertThat(rows.get(0).get("duration")).isEqualTo("62");
            assertThat(rows.get(0).get("fci")).isEqualTo("callTag=callee;cause=16");
            assertThat(rows.get(1).get("callee")).isEqualTo("102, \"x\"");
            assertThat(rows.get(1).get("answer")).isEmpty();
            assertThat(rows.get(1).get("disposition")).isEqualTo("BUSY");
        }
    }

    @Test
    void rowsReachTheFileWhileTheWriterStaysOpenAndANewDayGetsItsOwnFile(@TempDir Path dir) throws Exception {
        Instant day1 = Instant.parse("2026-03-04T23:59:00Z");
        Instant day2 = Instant.parse("2026-03-05T00:01:00Z");
        try (CdrWriter w = new CdrWriter(dir, ZoneOffset.UTC)) {
            w.write(new CdrRecord("a@x", day1, null, day1.plusSeconds(1), "100", "101", "BUSY", 486, "callee", 17));
            // written (not only queued) before close: a kill -9 from here on keeps the row
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                    .until(() -> Files.exists(dir.resolve("2026-03-04.csv"))
                            && Files.readString(dir.resolve("2026-03-04.csv")).contains("a@x"));
            w.write(new CdrRecord("b@x", day2, null, day2.plusSeconds(1), "100", "101", "BUSY", 486, "callee", 17));
            w.write(new CdrRecord("c@x", day1, null, day1.plusSeconds(2), "100", "101", "BUSY", 486, "callee", 17));
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                    .until(() -> Files.readString(dir.resolve("2026-03-04.csv")).contains("c@x"));
            // moved away (log rotation): the next row starts a fresh file with a header
            Files.move(dir.resolve("2026-03-05.csv"), dir.resolve("rotated.csv"));
            w.write(new CdrRecord("d@x", day2, null, day2.plusSeconds(3), "100", "101", "BUSY", 486, "callee", 17));
        }
        assertThat(Files.readAllLines(dir.resolve("2026-03-04.csv")))
                .hasSize(3).first().asString().startsWith("call_id,");
        assertThat(Files.readAllLines(dir.resolve("rotated.csv"))).hasSize(2);
        List<String> fresh = Files.readAllLines(dir.resolve("2026-03-05.csv"));
        assertThat(fresh).hasSize(2);
        assertThat(fresh.get(0)).startsWith("call_id,");
        assertThat(fresh.get(1)).startsWith("d@x,");
    }
}
