package org.minisip.server.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minisip.server.routing.MessageRouter.Stored;
import org.minisip.server.store.StoreWriter;

class MessageStoreTest {
    @TempDir
    Path dir;

    private static Stored msg(String to, String text) {
        return new Stored("100", to, text.getBytes(StandardCharsets.UTF_8), "text/plain;charset=UTF-8",
                Instant.parse("2026-11-22T10:00:00Z"));
    }

    private static void keepDurably(MessageStore s, Stored m) throws InterruptedException {
        CountDownLatch onDisk = new CountDownLatch(1);
        s.keep(m, onDisk::countDown);
        assertThat(onDisk.await(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void storedMessagesAreOnDiskAndReloadedInOrder() throws Exception {
        Path file = dir.resolve("messages.json");
        try (StoreWriter w = new StoreWriter()) {
            MessageStore s = new MessageStore(file, w);
            keepDurably(s, msg("102", "first, ünïcode"));
            keepDurably(s, msg("102", "second"));
            keepDurably(s, msg("103", "other"));
        }
        try (StoreWriter w = new StoreWriter()) {
            MessageStore again = new MessageStore(file, w);
            assertThat(again.load()).isEqualTo(3);
            assertThat(again.startDelivery("102")).extracting(m -> new String(m.body(), StandardCharsets.UTF_8))
                    .containsExactly("first, ünïcode", "second");
            assertThat(again.startDelivery("103")).hasSize(1).first()
                    .satisfies(m -> assertThat(m.contentType()).isEqualTo("text/plain;charset=UTF-8"))
                    .satisfies(m -> assertThat(m.received()).isEqualTo(Instant.parse("2026-11-22T10:00:00Z")));
        }
    }

    @Test
    void aMessageLeavesOnlyWhenDeliveredAndIsNotSentTwiceMeanwhile() throws Exception {
        try (StoreWriter w = new StoreWriter()) {
            MessageStore s = new MessageStore(dir.resolve("messages.json"), w);
            Stored m = msg("102", "hi");
            keepDurably(s, m);
            assertThat(s.startDelivery("102")).containsExactly(m);
            assertThat(s.startDelivery("102")).as("already in flight").isEmpty();
            s.notDelivered(m);
            assertThat(s.count("102")).isEqualTo(1);
            assertThat(s.startDelivery("102")).containsExactly(m);
            s.delivered(m);
            assertThat(s.count("102")).isZero();
            assertThat(s.startDelivery("102")).isEmpty();
        }
    }

    @Test
    void aFullStoreDropsTheOldest() throws Exception {
        try (StoreWriter w = new StoreWriter()) {
            MessageStore s = new MessageStore(dir.resolve("messages.json"), w);
            for (int i = 0; i <= MessageStore.MAX_STORED; i++) {
                s.keep(msg("102", "m" + i), null);
            }
            assertThat(s.count("102")).isEqualTo(MessageStore.MAX_STORED);
            assertThat(new String(s.startDelivery("102").get(0).body(), StandardCharsets.UTF_8)).isEqualTo("m1");
        }
    }

    @Test
    void aDamagedFileIsMovedAsideAndTheStoreStartsEmpty() throws Exception {
        Path file = dir.resolve("messages.json");
        Files.writeString(file, "[{\"from\": \"100\", \"to\": ");
        try (StoreWriter w = new StoreWriter()) {
            MessageStore s = new MessageStore(file, w);
            assertThat(s.load()).isZero();
            assertThat(file).doesNotExist();
            try (var files = Files.list(dir)) {
                assertThat(files.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("messages.json.corrupt-"));
            }
        }
    }
}
