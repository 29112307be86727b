package org.minisip.phone.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * English and Simplified Chinese have the same keys, every key the UI code asks for exists, and the language follows
 * the settings or the system locale.
 */
class MessagesTest {
    private static Properties load(String name) throws IOException {
        Properties p = new Properties();
        try (InputStream in = MessagesTest.class.getResourceAsStream("/org/minisip/phone/ui/" + name)) {
            p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    @Test
    void bothLanguagesHaveTheSameKeys() throws IOException {
        assertThat(load("messages_zh_CN.properties").stringPropertyNames())
                .isEqualTo(load("messages.properties").stringPropertyNames());
    }

    @Test
    void everyLiteralKeyUsedInTheUiExists() throws IOException {
        Set<String> keys = load("messages.properties").stringPropertyNames();
        Pattern use = Pattern.compile("(?:msg|next)\\.get\\(\"([a-zA-Z0-9_.-]+)\"");
        Set<String> used = new TreeSet<>();
        try (Stream<Path> files = Files.list(Path.of("src/main/java/org/minisip/phone/ui"))) {
            for (Path f : files.toList()) {
                Matcher m = use.matcher(Files.readString(f));
                while (m.find()) {
                    used.add(m.group(1));
                }
            }
        }
        assertThat(used).isNotEmpty();
        for (String k : used) {
            if (k.endsWith(".")) { // a prefix completed at run time (theme., call.ended., ...): some key must have it
                assertThat(keys).as("keys starting with %s", k).anyMatch(key -> key.startsWith(k));
            } else {
                assertThat(keys).contains(k);
            }
        }
    }

    @Test
    void chineseIsTranslatedAndFormatted() {
        Messages zh = Messages.forSetting("zh_CN", Locale.ENGLISH);
        assertThat(zh.get("incoming.answer")).isEqualTo("接听");
        assertThat(zh.get("status.failed", 403, "Forbidden")).isEqualTo("注册失败：403 Forbidden");
        assertThat(Messages.forSetting("en", Locale.SIMPLIFIED_CHINESE).get("incoming.answer")).isEqualTo("Answer");
        assertThat(Messages.forSetting("system", Locale.ENGLISH).get("status.registered", "100@pbx", 3600))
                .isEqualTo("Registered as 100@pbx (expires in 3600 s)");
    }

    @Test
    void systemLocalePicksSimplifiedChineseOnlyForSimplifiedRegions() {
        assertThat(Messages.localeFor("system", Locale.SIMPLIFIED_CHINESE)).isEqualTo(Locale.SIMPLIFIED_CHINESE);
        assertThat(Messages.localeFor("system", Locale.forLanguageTag("zh-SG"))).isEqualTo(Locale.SIMPLIFIED_CHINESE);
        assertThat(Messages.localeFor("system", Locale.TRADITIONAL_CHINESE)).isEqualTo(Locale.ENGLISH);
        assertThat(Messages.localeFor("system", Locale.GERMANY)).isEqualTo(Locale.ENGLISH);
    }
}
