package org.minisip.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A bare SIP-over-TCP client for tests: one connection, no listening socket (like a phone behind NAT), messages
 * framed by Content-Length.
 */
public final class RawTcpSip implements AutoCloseable {
    private static final Pattern LENGTH = Pattern.compile("(?im)^(?:Content-Length|l)\\s*:\\s*(\\d+)");
    private final Socket socket;
    private final InputStream in;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    public RawTcpSip(int serverPort) throws IOException {
        socket = new Socket(InetAddress.getLoopbackAddress(), serverPort);
        in = socket.getInputStream();
    }

    public int localPort() {
        return socket.getLocalPort();
    }

    public void send(String msg) throws IOException {
        send(msg.getBytes(StandardCharsets.UTF_8));
    }

    public void send(byte[] msg) throws IOException {
        socket.getOutputStream().write(msg);
        socket.getOutputStream().flush();
    }

    /** An OPTIONS to the server over this connection. */
    public String options(int serverPort) {
        String branch = "z9hG4bK" + java.util.UUID.randomUUID().toString().replace("-", "");
        return "OPTIONS sip:127.0.0.1:" + serverPort + ";transport=tcp SIP/2.0\r\n"
                + "Via: SIP/2.0/TCP 127.0.0.1:" + localPort() + ";branch=" + branch + ";rport\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:probe@127.0.0.1>;tag=" + branch.substring(7, 15) + "\r\n"
                + "To: <sip:127.0.0.1:" + serverPort + ">\r\n"
                + "Call-ID: " + branch + "@127.0.0.1\r\n"
                + "CSeq: 1 OPTIONS\r\n"
                + "Content-Length: 0\r\n\r\n";
    }

    /** The next complete message (CRLF keep-alives skipped), or empty after {@code timeoutMs}. */
    public Optional<String> receive(int timeoutMs) throws IOException {
        long end = System.currentTimeMillis() + timeoutMs;
        byte[] buf = new byte[8192];
        while (true) {
            Optional<String> m = extract();
            if (m.isPresent()) {
                return m;
            }
            long left = end - System.currentTimeMillis();
            if (left <= 0) {
                return Optional.empty();
            }
            socket.setSoTimeout((int) left);
            try {
                int n = in.read(buf);
                if (n < 0) {
                    return Optional.empty();
                }
                pending.write(buf, 0, n);
            } catch (SocketTimeoutException e) {
                return Optional.empty();
            }
        }
    }

    private Optional<String> extract() {
        String s = pending.toString(StandardCharsets.UTF_8);
        int skip = 0;
        while (s.startsWith("\r\n", skip)) {
            skip += 2;
        }
        int headerEnd = s.indexOf("\r\n\r\n", skip);
        if (headerEnd < 0) {
            return Optional.empty();
        }
        Matcher m = LENGTH.matcher(s.substring(skip, headerEnd));
        int len = m.find() ? Integer.parseInt(m.group(1)) : 0;
        int total = headerEnd + 4 + len;
        if (s.length() < total) {
            return Optional.empty();
        }
        String msg = s.substring(skip, total);
        byte[] rest = s.substring(total).getBytes(StandardCharsets.UTF_8);
        pending.reset();
        pending.write(rest, 0, rest.length);
        return Optional.of(msg);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
