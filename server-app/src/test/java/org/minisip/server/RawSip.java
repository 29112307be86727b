package org.minisip.server;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;

/** A bare UDP SIP client for tests that need to send exact bytes (malformed messages, scanners). */
public final class RawSip implements AutoCloseable {
    private final DatagramSocket socket;
    private final int serverPort;

    public RawSip(int serverPort) throws IOException {
        this(serverPort, "127.0.0.1");
    }

    /** A client bound to {@code localAddress} (any 127.x.y.z works on Linux: one test "host" per address). */
    public RawSip(int serverPort, String localAddress) throws IOException {
        this.socket = new DatagramSocket(0, InetAddress.getByName(localAddress));
        this.serverPort = serverPort;
    }

    public int serverPort() {
        return serverPort;
    }

    public int localPort() {
        return socket.getLocalPort();
    }

    public void send(byte[] msg) throws IOException {
        socket.send(new DatagramPacket(msg, msg.length, InetAddress.getLoopbackAddress(), serverPort));
    }

    public void send(String msg) throws IOException {
        send(msg.getBytes(StandardCharsets.UTF_8));
    }

    /** The next datagram as text, or empty after {@code timeoutMs}. */
    public Optional<String> receive(int timeoutMs) throws IOException {
        socket.setSoTimeout(timeoutMs);
        byte[] buf = new byte[65535];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        try {
            socket.receive(p);
            return Optional.of(new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8));
        } catch (SocketTimeoutException e) {
            return Optional.empty();
        }
    }

    /** Skips provisional responses; the first final response within the timeout. */
    public Optional<String> finalResponse(int timeoutMs) throws IOException {
        long end = System.currentTimeMillis() + timeoutMs;
        while (System.currentTimeMillis() < end) {
            Optional<String> r = receive((int) Math.max(1, end - System.currentTimeMillis()));
            if (r.isEmpty()) {
                return r;
            }
            if (r.get().startsWith("SIP/2.0 ") && !r.get().startsWith("SIP/2.0 1")) {
                return r;
            }
        }
        return Optional.empty();
    }

    public String options() {
        String branch = "z9hG4bK" + UUID.randomUUID().toString().replace("-", "");
        return "OPTIONS sip:127.0.0.1:" + serverPort + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + localPort() + ";branch=" + branch + ";rport\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:probe@127.0.0.1>;tag=" + branch.substring(7, 15) + "\r\n"
                + "To: <sip:127.0.0.1:" + serverPort + ">\r\n"
                + "Call-ID: " + branch + "@127.0.0.1\r\n"
                + "CSeq: 1 OPTIONS\r\n"
                + "Content-Length: 0\r\n\r\n";
    }

    public static int status(String response) {
        return Integer.parseInt(response.substring(8, 11));
    }

    @Override
    public void close() {
        socket.close();
    }
}
