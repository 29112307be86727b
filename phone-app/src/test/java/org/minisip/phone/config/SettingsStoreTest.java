package org.minisip.phone.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Settings and history files: round trips, private permissions, and a corrupt file backed up instead of a crash. */
class SettingsStoreTest {
    @TempDir
    Path dir;

    @Test
    void missingFileGivesDefaultsWithoutProblem() {
        Loaded<Settings> l = new SettingsStore(dir.resolve("settings.json")).load();
        assertThat(l.failed()).isFalse();
        assertThat(l.value()).isEqualTo(Settings.defaults());
        assertThat(l.value().account()).isNull();
    }

    @Test
    void savedSettingsComeBackEqualAndTheFileIsPrivate() throws Exception {
        SettingsStore store = new SettingsStore(dir.resolve("settings.json"));
        Settings s = Settings.defaults().withAccount(new Settings.Account("pbx.example.com", 5061, "tls", "100", "pw",
                "Alice", null, 300, "mandatory", List.of("PCMA", "PCMU"), "info")).withTheme("dark").withLanguage("zh_CN")
                .withLastDialed("101").withAudio(new Settings.Audio("USB Headset", null, "Speakers"));
        store.save(s);
        assertThat(store.load()).isEqualTo(Loaded.ok(s));
        assertThat(Files.getPosixFilePermissions(store.file())).containsExactlyInAnyOrder(
                PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThat(s.account().uri()).isEqualTo("sip:100@pbx.example.com:5061;transport=tls");
    }

    @Test
    void aSingleAccountFileFromBeforeSeveralAccountsLoadsAsTheDefaultAccount() throws Exception {
        Files.writeString(dir.resolve("settings.json"), "{\"account\": {\"server\": \"pbx\", \"port\": 5060, "
                + "\"user\": \"100\", \"password\": \"pw\"}, \"theme\": \"dark\"}");
        Settings s = new SettingsStore(dir.resolve("settings.json")).load().value();
        assertThat(s.accounts()).hasSize(1);
        assertThat(s.account().uri()).isEqualTo("sip:100@pbx:5060;transport=udp");
        assertThat(s.moreAccounts()).isEmpty();
        assertThat(s.theme()).isEqualTo("dark");
    }

    @Test
    void severalAccountsRoundTripWithTheDefaultFirst() throws Exception {
        SettingsStore store = new SettingsStore(dir.resolve("settings.json"));
        Settings.Account a = new Settings.Account("pbx-a", 5060, "udp", "100", "pw", null, null, 600, "off",
                List.of("PCMU"), "rfc4733");
        Settings.Account b = new Settings.Account("pbx-b", 5061, "tls", "7001", "pw2", null, null, 600, "mandatory",
                List.of("PCMA"), "info", "10.0.0.1:5070;transport=tcp");
        Settings s = Settings.defaults().withAccounts(List.of(b, a));
        store.save(s);
        Settings back = store.load().value();
        assertThat(back.accounts()).containsExactly(b, a);
        assertThat(back.account()).isEqualTo(b);
        assertThat(back.withAccounts(List.of()).account()).isNull();
    }

    @Test
    void corruptFileIsMovedAsideReportedAndDefaultsUsed() throws Exception {
        Path file = dir.resolve("settings.json");
        Files.writeString(file, "{\"account\": {\"server\": ");
        Loaded<Settings> l = new SettingsStore(file).load();
        assertThat(l.failed()).isTrue();
        assertThat(l.problem()).isNotBlank();
        assertThat(l.value()).isEqualTo(Settings.defaults());
        assertThat(file).doesNotExist();
        assertThat(l.backup()).exists().hasFileName(l.backup().getFileName().toString())
                .content().isEqualTo("{\"account\": {\"server\": ");
        assertThat(l.backup().getFileName().toString()).startsWith("settings.json.corrupt-");
    }

    @Test
    void unknownValuesFallBackToDefaultsAndUnknownKeysAreIgnored() throws Exception {
        Path file = dir.resolve("settings.json");
        Files.writeString(file, "{\"theme\":\"purple\",\"language\":\"xx\",\"future\":1}");
        Loaded<Settings> l = new SettingsStore(file).load();
        assertThat(l.failed()).isFalse();
        assertThat(l.value().theme()).isEqualTo("system");
        assertThat(l.value().language()).isEqualTo("system");
    }

    @Test
    void historyKeepsNewestFirstAndIsCapped() throws Exception {
        HistoryStore store = new HistoryStore(dir.resolve("history.json"));
        List<HistoryEntry> many = new java.util.ArrayList<>();
        for (int i = 0; i < HistoryStore.MAX_ENTRIES + 20; i++) {
            many.add(new HistoryEntry(Instant.ofEpochSecond(1_700_000_000L - i), HistoryEntry.Direction.OUTGOING,
                    "10" + i, null, i, "answered"));
        }
        store.save(many);
        List<HistoryEntry> back = store.load().value();
        assertThat(back).hasSize(HistoryStore.MAX_ENTRIES);
        assertThat(back.get(0)).isEqualTo(many.get(0));
    }

    @Test
    void corruptHistoryIsBackedUp() throws Exception {
        Path file = dir.resolve("history.json");
        Files.writeString(file, "[{\"start\": 12,");
        Loaded<List<HistoryEntry>> l = new HistoryStore(file).load();
        assertThat(l.failed()).isTrue();
        assertThat(l.value()).isEmpty();
        assertThat(l.backup()).exists();
    }
}
