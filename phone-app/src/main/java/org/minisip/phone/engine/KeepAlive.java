package org.minisip.phone.engine;

import gov.nist.javax.sip.ListeningPointExt;
import java.io.IOException;
import java.time.Duration;
import javax.sip.ListeningPoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CRLF keep-alive on a TCP/TLS connection to the server (RFC 5626 §4.4.1), every {@link #INTERVAL}, so NATs and
 * the server keep the flow that incoming requests arrive on. Runs on the engine's timers; a failed write is only
 * logged (the next REGISTER refresh reports a dead connection).
 */
final class KeepAlive {
    static final Duration INTERVAL = Duration.ofSeconds(30);
    private static final Logger LOG = LoggerFactory.getLogger(KeepAlive.class);

    private final ListeningPoint lp;
    private final String serverIp;
    private final int serverPort;
    private final Timers timers;
    private Timers.Cancellable next;
    private boolean stopped;

    KeepAlive(ListeningPoint lp, String serverIp, int serverPort, Timers timers) {
        this.lp = lp;
        this.serverIp = serverIp;
        this.serverPort = serverPort;
        this.timers = timers;
    }

    void start() {
        next = timers.schedule(INTERVAL, this::beat);
    }

    void stop() {
        stopped = true;
        if (next != null) {
            next.cancel();
        }
    }

    private void beat() {
        if (stopped) {
            return;
        }
        try {
            ((ListeningPointExt) lp).sendHeartbeat(serverIp, serverPort);
        } catch (IOException | RuntimeException e) {
            LOG.debug("keep-alive to {}:{} failed: {}", serverIp, serverPort, e.toString());
        }
        next = timers.schedule(INTERVAL, this::beat);
    }
}
