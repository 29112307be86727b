package org.minisip.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minisip.sip.auth.DigestAlgorithm;

class ConfigLoaderTest {
    private final ConfigLoader loader = new ConfigLoader();

    @Test
    void aHundredThousandExtensionsLoadAndAreFoundByNumber() throws Exception {
        StringBuilder y = new StringBuilder("extensions:\n");
        for (int n = 100000; n < 200000; n++) {
            y.append("  - number: \"").append(n).append("\"\n    password: \"pw").append(n).append("\"\n");
        }
        assertThat(y.length()).isGreaterThan(3 * 1024 * 1024);   // over SnakeYAML's default limit
        ServerConfig c = loader.parse("big.yaml", y.toString());
        assertThat(c.extensions()).hasSize(100000);
        assertThat(c.extension("199999").orElseThrow().password()).isEqualTo("pw199999");
        assertThat(c.extension("99999")).isEmpty();
        assertThat(c.extensions().get(0).number()).isEqualTo("100000");
    }

    @Test
    void emptyFileGivesDefaults() throws Exception {
        ServerConfig c = loader.parse("server.yaml", "");
        assertThat(c.sip().udpPort()).isEqualTo(5060);
        assertThat(c.sip().tcpPort()).isEqualTo(5060);
        assertThat(c.sip().tlsPort()).isEqualTo(5061);
        assertThat(c.sip().bind()).isEqualTo(AnyAddress.dualStackOrIpv4()).isIn("::", "0.0.0.0");
        assertThat(c.auth().algorithms()).containsExactly(DigestAlgorithm.MD5);
        assertThat(c.realm()).isEqualTo("minisip");
    }

    @Test
    void contractKeysAreRead() throws Exception {
        ServerConfig c = loader.parse("s.yaml", """
                sip:
                  bind: "::1"
                  udp-port: 5070
                  tcp-port: 0
                  tls-port: 5071
                  domain: example.com
                extensions:
                  - number: "100"
                    password: "s3cret"
                    display-name: "Alice"
                """);
        assertThat(c.sip().bind()).isEqualTo("::1");
        assertThat(c.sip().tcpPort()).isZero();
        assertThat(c.realm()).isEqualTo("example.com");
        assertThat(c.extension("100")).get().extracting(ServerConfig.Extension::displayName).isEqualTo("Alice");
    }

    @Test
    void sha256CanBeOfferedFirst() throws Exception {
        assertThat(loader.parse("f", "auth:\n  algorithms: [SHA-256, MD5]\n").auth().algorithms())
                .containsExactly(DigestAlgorithm.SHA_256, DigestAlgorithm.MD5);
    }

    @Test
    void unknownKeyNamesFileKeyAndProblem() {
        assertThatThrownBy(() -> loader.parse("/etc/x/server.yaml", "sip:\n  udp-prot: 5060\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("/etc/x/server.yaml: sip.udp-prot: unknown key");
    }

    @Test
    void badValuesAreRejectedWithTheirKey() {
        assertThatThrownBy(() -> loader.parse("f", "sip:\n  udp-port: 70000\n"))
                .hasMessage("f: sip.udp-port: must be between 0 and 65535 (got 70000)");
        assertThatThrownBy(() -> loader.parse("f", "sip:\n  udp-port: abc\n"))
                .hasMessageContaining("f: sip.udp-port: must be a whole number");
        assertThatThrownBy(() -> loader.parse("f", "sip:\n  bind: nowhere\n"))
                .hasMessageContaining("f: sip.bind: 'nowhere' is not an IPv4 or IPv6 address");
        assertThatThrownBy(() -> loader.parse("f", "extensions:\n  - number: \"100\"\n"))
                .hasMessage("f: extensions[0].password: is required");
        assertThatThrownBy(() -> loader.parse("f",
                "extensions:\n  - {number: \"100\", password: a}\n  - {number: \"100\", password: b}\n"))
                .hasMessageContaining("extensions[1].number: duplicate extension 100");
        assertThatThrownBy(() -> loader.parse("f", "sip: [1, 2]\n"))
                .hasMessageContaining("f: sip: must be a mapping");
        assertThatThrownBy(() -> loader.parse("f", "sip:\n  udp-port: 0\n  tcp-port: 0\n  tls-port: 0\n"))
                .hasMessageContaining("every transport is disabled");
        assertThatThrownBy(() -> loader.parse("f", "auth:\n  algorithms: [MD4]\n"))
                .hasMessageContaining("auth.algorithms: unknown algorithm 'MD4'");
        assertThatThrownBy(() -> loader.parse("f", "registrar:\n  min-expires: 100\n  max-expires: 50\n"))
                .hasMessageContaining("registrar.min-expires: is larger than registrar.max-expires");
    }

    @Test
    void brokenYamlNamesTheLine() {
        assertThatThrownBy(() -> loader.parse("f", "sip:\n  bind: [\n"))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("f: not valid YAML at line");
    }

    @Test
    void firstStartConfigHasFiveExtensionsWithRandomPasswordsAndLoads(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("server.yaml");
        Map<String, String> pw = new DefaultConfig(new SecureRandom()).write(file);
        assertThat(pw).containsOnlyKeys("100", "101", "102", "103", "104");
        assertThat(pw.values()).doesNotHaveDuplicates().allMatch(p -> p.length() >= 16);
        ServerConfig c = loader.load(file);
        assertThat(c.extensions()).hasSize(5);
        assertThat(c.extension("103").orElseThrow().password()).isEqualTo(pw.get("103"));
        assertThat(c.sip().bind()).isEqualTo(AnyAddress.dualStackOrIpv4());
        assertThat(Files.getPosixFilePermissions(file)).containsExactlyInAnyOrder(
                java.nio.file.attribute.PosixFilePermission.OWNER_READ, java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
        Map<String, String> again = new DefaultConfig(new SecureRandom()).write(dir.resolve("other.yaml"));
        assertThat(again.get("100")).isNotEqualTo(pw.get("100"));
    }
}
