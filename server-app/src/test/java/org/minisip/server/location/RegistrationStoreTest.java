package org.minisip.server.location;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minisip.server.store.StoreWriter;
import org.minisip.sip.stack.Transport;

class RegistrationStoreTest {
    @TempDir
    Path dir;
    private final Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private final Clock clock = Clock.fixed(now, ZoneOffset.UTC);

    private Binding b(String aor, String contact, int seconds) {
        return new Binding(aor, contact, "127.0.0.1", 5070, Transport.UDP, "cid-" + contact, 7, now,
                now.plusSeconds(seconds), "ua 1.0");
    }

    /** Saves {@code aor} and waits until the callback says it is in the file. */
    private static void saved(RegistrationStore store, String aor) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        store.saveThen(aor, done::countDown);
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
    }

    private LocationService reload() {
        LocationService l = new LocationService(clock);
        try (StoreWriter w = new StoreWriter()) {
            new RegistrationStore(dir.resolve("registrations.json"), w, clock).loadInto(l);
        }
        return l;
    }

    @Test
    void changesAreAppendedToTheJournalAndRestored() throws Exception {
        LocationService loc = new LocationService(clock);
        try (StoreWriter w = new StoreWriter()) {
            RegistrationStore store = new RegistrationStore(dir.resolve("registrations.json"), w, clock);
            store.loadInto(loc);
            loc.put(b("100", "sip:100@10.0.0.1", 600));
            saved(store, "100");
            loc.put(b("101", "sip:101@10.0.0.2", 600));
            loc.put(b("101", "sip:101@10.0.0.3", 600));
            saved(store, "101");
            loc.remove("101", "sip:101@10.0.0.2");
            saved(store, "101");
        }
        assertThat(dir.resolve("registrations.journal")).exists();
        assertThat(Files.readAllLines(dir.resolve("registrations.journal"))).hasSize(3);
        assertThat(dir.resolve("registrations.json")).doesNotExist();   // no rewrite of every binding per change

        LocationService back = reload();
        assertThat(back.lookup("100")).containsExactly(b("100", "sip:100@10.0.0.1", 600));
        assertThat(back.lookup("101")).containsExactly(b("101", "sip:101@10.0.0.3", 600));
        assertThat(back.size()).isEqualTo(2);
        // loading folded the journal into the snapshot
        assertThat(dir.resolve("registrations.journal")).doesNotExist();
        assertThat(reload().lookup("101")).containsExactly(b("101", "sip:101@10.0.0.3", 600));
    }

    @Test
    void removingEveryContactIsRemembered() throws Exception {
        LocationService loc = new LocationService(clock);
        try (StoreWriter w = new StoreWriter()) {
            RegistrationStore store = new RegistrationStore(dir.resolve("registrations.json"), w, clock);
            store.loadInto(loc);
            loc.put(b("100", "sip:100@10.0.0.1", 600));
            saved(store, "100");
        }
        reload();   // now in the snapshot
        loc = new LocationService(clock);
        try (StoreWriter w = new StoreWriter()) {
            RegistrationStore store = new RegistrationStore(dir.resolve("registrations.json"), w, clock);
            store.loadInto(loc);
            loc.removeAll("100");
            saved(store, "100");
        }
        assertThat(reload().lookup("100")).isEmpty();
    }

    @Test
    void aLineCutShortByACrashIsSkippedAndLaterAppendsStillCount() throws Exception {
        LocationService loc = new LocationService(clock);
        try (StoreWriter w = new StoreWriter()) {
            RegistrationStore store = new RegistrationStore(dir.resolve("registrations.json"), w, clock);
            store.loadInto(loc);
            loc.put(b("100", "sip:100@10.0.0.1", 600));
            saved(store, "100");
        }
        Files.writeString(dir.resolve("registrations.journal"), "{\"seq\":2,\"aor\":\"101\",\"bindi",
                StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        loc = new LocationService(clock);
        try (StoreWriter w = new StoreWriter()) {
            RegistrationStore store = new RegistrationStore(dir.resolve("registrations.json"), w, clock);
            assertThat(store.loadInto(loc)).isEqualTo(1);
            loc.put(b("102", "sip:102@10.0.0.4", 600));
            saved(store, "102");
        }
        LocationService back = reload();
        assertThat(back.lookup("100")).hasSize(1);
        assertThat(back.lookup("101")).isEmpty();
        assertThat(back.lookup("102")).hasSize(1);
    }

    @Test
    void aDamagedSnapshotIsMovedAsideAndTheJournalStillApplies() throws Exception {
        Files.writeString(dir.resolve("registrations.json"), "[ {\"aor\": ");
        Files.writeString(dir.resolve("registrations.journal"), "{\"aor\":\"100\",\"bindings\":[{"
                + "\"aor\":\"100\",\"contact\":\"sip:100@10.0.0.1\",\"sourceHost\":\"127.0.0.1\",\"sourcePort\":\"5070\","
                + "\"transport\":\"udp\",\"callId\":\"c\",\"cseq\":\"1\",\"registeredAt\":\"2026-01-01T00:00:00Z\","
                + "\"expiresAt\":\"2026-01-01T01:00:00Z\",\"userAgent\":\"\"}]}\n");
        assertThat(reload().lookup("100")).hasSize(1);
        try (var files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .anyMatch(n -> n.startsWith("registrations.json.corrupt-"));
        }
    }

    @Test
    void aSnapshotAloneLoads() throws Exception {
        Files.writeString(dir.resolve("registrations.json"), "[ {\"aor\":\"100\",\"contact\":\"sip:100@10.0.0.1\","
                + "\"sourceHost\":\"127.0.0.1\",\"sourcePort\":\"5070\",\"transport\":\"udp\",\"callId\":\"c\","
                + "\"cseq\":\"1\",\"registeredAt\":\"2026-01-01T00:00:00Z\",\"expiresAt\":\"2026-01-01T01:00:00Z\","
                + "\"userAgent\":\"x\"}, {\"aor\":\"101\",\"contact\":\"sip:101@10.0.0.2\",\"sourceHost\":\"127.0.0.1\","
                + "\"sourcePort\":\"5070\",\"transport\":\"tcp\",\"callId\":\"c\",\"cseq\":\"1\","
                + "\"registeredAt\":\"2025-01-01T00:00:00Z\",\"expiresAt\":\"2025-01-01T01:00:00Z\"} ]");
        LocationService back = reload();
        assertThat(back.lookup("100")).hasSize(1);
        assertThat(back.lookup("100").get(0).userAgent()).isEqualTo("x");
        assertThat(back.lookup("101")).isEmpty();   // expired
    }

    @Test
    void theJournalIsCompactedWhenItOutgrowsTheBindings() throws Exception {
        LocationService loc = new LocationService(clock);
        try (StoreWriter w = new StoreWriter()) {
            RegistrationStore store = new RegistrationStore(dir.resolve("registrations.json"), w, clock);
            store.loadInto(loc);
            loc.put(b("100", "sip:100@10.0.0.1", 600));
            for (int i = 0; i <= RegistrationStore.MIN_COMPACT_LINES; i++) {
                saved(store, "100");
            }
        }
        assertThat(dir.resolve("registrations.json")).exists();
        assertThat(dir.resolve("registrations.journal")).doesNotExist();
        assertThat(Files.readString(dir.resolve("registrations.json"))).contains("sip:100@10.0.0.1");
        assertThat(reload().lookup("100")).hasSize(1);
    }
}
