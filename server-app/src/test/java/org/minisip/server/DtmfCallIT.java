package org.minisip.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.minisip.sip.stack.Transport;

/**
 * DTMF through our server with the headless CLI: RFC 4733 events (media flows phone to phone) and SIP INFO
 * {@code application/dtmf-relay} (relayed by the server inside the dialog). The callee prints exactly the digits
 * sent, in order, once each.
 */
class DtmfCallIT {
    private static final String DIGITS = "159*#0D11";
    private static TestServer server;
    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(null);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"rfc4733", "info"})
    void calleePrintsExactlyTheDigitsSent(String mode) throws Exception {
        try (PhoneProcess callee = PhoneProcess.start(tmp.resolve("callee-" + mode + ".log"), account("101", mode,
                "--auto-answer"))) {
            callee.await("registered ", Duration.ofSeconds(20));
            try (PhoneProcess caller = PhoneProcess.start(tmp.resolve("caller-" + mode + ".log"), account("100",
                    mode, "--call", "101", "--dtmf", DIGITS, "--duration", "4"))) {
                caller.await("answered ", Duration.ofSeconds(20));
                assertThat(caller.waitForExit(Duration.ofSeconds(30))).as("caller exit; %s", caller.stderr()).isZero();
                callee.await("ended ", Duration.ofSeconds(10));
                assertThat(callee.waitForExit(Duration.ofSeconds(10))).isZero();
                String heard = callee.stdout().stream().filter(l -> l.startsWith("dtmf "))
                        .map(l -> l.substring(5)).collect(Collectors.joining());
                assertThat(heard).as("callee stdout %s", callee.stdout()).isEqualTo(DIGITS);
            }
        }
    }

    private static String[] account(String ext, String mode, String... more) {
        return CallIT.concat(new String[] {"--account", "sip:" + ext + "@127.0.0.1:" + server.port(Transport.UDP),
            "--password", "pw-" + ext, "--dtmf-mode", mode}, more);
    }
}
