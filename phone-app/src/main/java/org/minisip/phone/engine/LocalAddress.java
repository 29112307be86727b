package org.minisip.phone.engine;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * Finds the local address the OS would use to reach a peer: a UDP socket is connected (no packet is sent) and its
 * local address read. This is the address that goes into Via, Contact and SDP. Never uses the host name
 * ({@code InetAddress.getLocalHost()}), which often resolves to an address that does not route to the peer.
 */
public final class LocalAddress {
    private LocalAddress() {
    }

    /**
     * The local address routing to {@code host}; the loopback address when {@code host} is loopback or the route
     * cannot be determined. Resolves {@code host} (may block on DNS: call from a front-end or engine thread only).
     */
    public static InetAddress towards(String host, int port) throws UnknownHostException {
        InetAddress target = InetAddress.getByName(host);
        if (target.isLoopbackAddress()) {
            return target;
        }
        try (DatagramSocket probe = new DatagramSocket()) {
            probe.connect(new InetSocketAddress(target, port));
            InetAddress local = probe.getLocalAddress();
            if (local == null || local.isAnyLocalAddress()) {
                return InetAddress.getLoopbackAddress();
            }
            return local;
        } catch (IOException e) {
            return InetAddress.getLoopbackAddress();
        }
    }
}
