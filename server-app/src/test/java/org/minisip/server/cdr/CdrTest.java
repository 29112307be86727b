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
}
