package org.minisip.sip.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Finds ports the OS reports free, because JAIN-SIP listening points cannot bind port 0 and report the result.
 * There is a small window between the check and JAIN-SIP's bind; callers retry on failure.
 */
final class PortPicker {
    private PortPicker() {
    }

    /** A port free for both UDP and TCP on {@code address} (so "5060 for UDP and TCP" style configs work). */
    static int freePort(InetAddress address, boolean udp, boolean tcp) {
        for (int attempt = 0; attempt < 50; attempt++) {
            try (ServerSocket ss = new ServerSocket()) {
                ss.setReuseAddress(false);
                ss.bind(new InetSocketAddress(address, 0));
                int port = ss.getLocalPort();
                if (!udp || udpFree(address, port)) {
                    return port;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot find a free port on " + address, e);
            }
        }
        throw new IllegalStateException("no port free for both UDP and TCP on " + address);
    }

    private static boolean udpFree(InetAddress address, int port) {
        try (DatagramSocket ds = new DatagramSocket(new InetSocketAddress(address, port))) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
