package org.minisip.server.config;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;

/**
 * The default {@code sip.bind}: {@code ::} (every IPv6 and IPv4 address through one dual-stack socket per
 * transport) when this host can open an IPv6 socket, else {@code 0.0.0.0}. Hosts with IPv6 disabled in the kernel
 * (some containers) thus still start on their defaults.
 */
final class AnyAddress {
    private AnyAddress() {
    }

    static String dualStackOrIpv4() {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("::", 0))) {
            return "::";
        } catch (IOException | SecurityException e) {
            return "0.0.0.0";
        }
    }
}
