package org.minisip.sip.stack;

import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.SIPStackTimerTask;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Admission of accepted TCP/TLS connections of one listening point: asks the {@link InboundGuard}, enforces the
 * per-address cap on open inbound connections, and closes half-open connections that deliver no SIP request
 * within {@link #FIRST_REQUEST_MILLIS} of being accepted (a stalled TLS handshake, a silent or trickling peer).
 * {@link #admit} runs on the selector thread; {@link #sweep} on JAIN-SIP's timer.
 */
final class ConnectionGate {
    /** A new connection must deliver a complete request within this long. */
    static final long FIRST_REQUEST_MILLIS = 30_000;

    /** Thrown (after closing the socket) to make JAIN-SIP abandon the accept; logged quietly. */
    static final class RefusedConnectionException extends IOException {
        RefusedConnectionException(String message) {
            super(message);
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;   // expected under attack: no stack trace to build
        }
    }

    private final InboundGuard guard;
    private final int maxPerAddress;
    private final Map<InetAddress, List<SocketChannel>> open = new HashMap<>();
    private final Map<MessageChannel, Long> awaitingFirstRequest = new ConcurrentHashMap<>();

    ConnectionGate(InboundGuard guard, int maxPerAddress) {
        this.guard = guard;
        this.maxPerAddress = maxPerAddress;
    }

    /** Returns normally to admit; closes the socket and throws {@link RefusedConnectionException} to refuse. */
    synchronized void admit(SocketChannel client) throws IOException {
        InetAddress src = client.getRemoteAddress() instanceof InetSocketAddress a ? a.getAddress() : null;
        if (src == null) {
            return;
        }
        if (!guard.admitSource(src)) {
            refuse(client, "refused connection from " + src.getHostAddress());
        }
        if (open.size() > 10_000) {
            open.values().forEach(l -> l.removeIf(c -> !c.isOpen()));
            open.values().removeIf(List::isEmpty);
        }
        List<SocketChannel> mine = open.computeIfAbsent(src, k -> new ArrayList<>());
        mine.removeIf(c -> !c.isOpen());
        if (maxPerAddress > 0 && mine.size() >= maxPerAddress) {
            guard.connectionRefused(src, mine.size());
            refuse(client, src.getHostAddress() + " already has " + mine.size() + " connections");
        }
        mine.add(client);
    }

    /** An admitted connection's channel: it now has {@link #FIRST_REQUEST_MILLIS} to deliver a request. */
    void accepted(MessageChannel channel) {
        awaitingFirstRequest.putIfAbsent(channel, System.currentTimeMillis());
    }

    /** A request arrived on {@code channel}. */
    void requestSeen(MessageChannel channel) {
        if (!awaitingFirstRequest.isEmpty()) {
            awaitingFirstRequest.remove(channel);
        }
    }

    /** Closes connections still silent after the deadline. */
    void sweep() {
        long now = System.currentTimeMillis();
        awaitingFirstRequest.entrySet().removeIf(e -> {
            if (now - e.getValue() < FIRST_REQUEST_MILLIS) {
                return false;
            }
            e.getKey().close();
            return true;
        });
    }

    /** The periodic {@link #sweep} as a JAIN-SIP timer task. */
    SIPStackTimerTask sweeper() {
        return new SIPStackTimerTask() {
            @Override public void runTask() { sweep(); }
            @Override public Object getThreadHash() { return null; }
        };
    }

    private static void refuse(SocketChannel client, String why) throws IOException {
        try {
            client.close();
        } catch (IOException ignored) {
            // closing a refused socket: nothing else to do
        }
        throw new RefusedConnectionException(why);
    }
}
