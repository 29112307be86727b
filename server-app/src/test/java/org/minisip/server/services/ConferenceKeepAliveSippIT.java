package org.minisip.server.services;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minisip.server.TestServer;
import org.minisip.sip.stack.Transport;

/**
 * In-dialog INFO, UPDATE and MESSAGE without a body on a conference leg are answered 200 by the server (session
 * keep-alives), then BYE leaves the room: SIPp on 127.0.0.1 as the participant.
 */
class ConferenceKeepAliveSippIT {
    @TempDir
    Path tmp;

    @Test
    void keepAlivesOnAConferenceLegGet200() throws Exception {
        try (TestServer server = TestServer.start("conference-rooms:\n  - {number: \"800\"}\n");
             Sipp sipp = new Sipp(tmp, server.port(Transport.UDP))) {
            Process uac = sipp.uac("uac", "uac_keepalive.xml", "800", "100", Sipp.freePort());
            sipp.expectExit(uac, "uac", 0);
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                    .until(() -> server.cdrRows().contains("room=800"));
            assertThat(server.cdrRows()).contains(",100,800,").contains("ANSWERED");
        }
    }
}
