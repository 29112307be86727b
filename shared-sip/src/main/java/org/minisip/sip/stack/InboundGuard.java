package org.minisip.sip.stack;

import java.net.InetAddress;
import javax.sip.message.Request;

/**
 * The application's say on inbound traffic, asked before JAIN-SIP does anything with it (no parse error answer,
 * no transaction, no automatic 100/400/503). Implementations must be fast and never block: they run on the UDP
 * reader threads and on the TCP/TLS selector thread.
 */
public interface InboundGuard {
    /** Admits everything. */
    InboundGuard OPEN = new InboundGuard() {
        @Override public boolean admitSource(InetAddress source) { return true; }
        @Override public boolean admitRequest(Request request, InetAddress source, Transport transport) { return true; }
    };

    /**
     * Whether anything from {@code source} may be processed at all: asked for every UDP datagram before it is
     * parsed and for every TCP/TLS connection when it is accepted. False drops the datagram silently or closes
     * the connection at once.
     */
    boolean admitSource(InetAddress source);

    /**
     * A parsed request, before transaction matching and before any response. False drops it silently; on a
     * stream the connection is also closed when {@link #admitSource} now refuses the source.
     */
    boolean admitRequest(Request request, InetAddress source, Transport transport);

    /** Called when a stream connection from {@code source} was refused because of the per-address cap. */
    default void connectionRefused(InetAddress source, int open) {
    }
}
