package org.minisip.sip.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class TlsHandshakeTest {
    private static final int TIMEOUT_MS = 10_000;

    @TempDir
    static Path dir;
    static TlsMaterial server;
    static Path serverCert;

    @BeforeAll
    static void setUp() throws Exception {
        serverCert = dir.resolve("cert.pem");
        server = TlsMaterial.loadOrGenerate(serverCert, dir.resolve("key.pem"), "localhost");
    }

    /** Runs one server accept + handshake + echo in the background; completes with the server's exception or null. */
    private static CompletableFuture<Throwable> serveOnce(SSLServerSocket ss) {
        return CompletableFuture.supplyAsync(() -> {
            try (ss; SSLSocket s = (SSLSocket) ss.accept()) {
                s.setSoTimeout(TIMEOUT_MS);
                s.startHandshake();
                int b = s.getInputStream().read();
                s.getOutputStream().write(b);
                s.getOutputStream().flush();
                return null;
            } catch (Exception e) {
                return e;
            }
        });
    }

    private static SSLServerSocket listen() throws Exception {
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(server.keyManagers(), null, new SecureRandom());
        SSLServerSocket ss = (SSLServerSocket) ctx.getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
        ss.setSoTimeout(TIMEOUT_MS);
        TlsPolicy.apply(ss);
        return ss;
    }

    /** Connects with the given client protocol and host name verification against 127.0.0.1; returns "proto suite". */
    private static String connect(TrustManager[] trust, String protocol) throws Exception {
        SSLServerSocket ss = listen();
        CompletableFuture<Throwable> done = serveOnce(ss);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, trust, new SecureRandom());
        String result;
        try (SSLSocket c = (SSLSocket) ctx.getSocketFactory().createSocket()) {
            c.connect(new InetSocketAddress("127.0.0.1", ss.getLocalPort()), TIMEOUT_MS);
            c.setSoTimeout(TIMEOUT_MS);
            c.setEnabledProtocols(new String[] {protocol});
            SSLParameters p = c.getSSLParameters();
            p.setEndpointIdentificationAlgorithm("HTTPS");
            c.setSSLParameters(p);
            c.startHandshake();
            c.getOutputStream().write(42);
            c.getOutputStream().flush();
            assertThat(c.getInputStream().read()).isEqualTo(42);
            result = c.getSession().getProtocol() + " " + c.getSession().getCipherSuite();
        } finally {
            ss.close();
        }
        // only after the client closed: a TLS 1.3 server's close waits for the peer's close_notify
        assertThat(done.get(TIMEOUT_MS, TimeUnit.MILLISECONDS)).isNull();
        return result;
    }

    @Test
    void tls13HandshakeWithPinnedCertificate() throws Exception {
        String r = connect(TrustOptions.trustPem(serverCert), "TLSv1.3");
        assertThat(r).startsWith("TLSv1.3 TLS_");
    }

    @Test
    void tls12HandshakeUsesEcdheAead() throws Exception {
        String r = connect(TrustOptions.trustPem(serverCert), "TLSv1.2");
        assertThat(r).startsWith("TLSv1.2 TLS_ECDHE_ECDSA_WITH_").containsAnyOf("GCM", "CHACHA20");
    }

    @Test
    void insecureTrustAcceptsAnything() throws Exception {
        assertThat(connect(TrustOptions.insecure(), "TLSv1.3")).startsWith("TLSv1.3");
    }

    @Test
    void untrustedCertificateFails() throws Exception {
        Path other = dir.resolve("other-cert.pem");
        TlsMaterial.generateSelfSigned("localhost").write(other, dir.resolve("other-key.pem"));
        assertThatThrownBy(() -> connect(TrustOptions.trustPem(other), "TLSv1.3")).isInstanceOf(SSLException.class);
        assertThat(TrustOptions.jvmDefault()).isNotEmpty();
    }

    /**
     * JSSE clients on this JDK refuse TLS 1.1 themselves, so the test speaks a raw TLS 1.1 ClientHello to
     * check that the server refuses it with a fatal protocol_version alert.
     */
    @Test
    void tls11ClientIsRefused() throws Exception {
        SSLServerSocket ss = listen();
        CompletableFuture<Throwable> done = serveOnce(ss);
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", ss.getLocalPort()), TIMEOUT_MS);
            s.setSoTimeout(TIMEOUT_MS);
            s.getOutputStream().write(tls11ClientHello());
            s.getOutputStream().flush();
            DataInputStream in = new DataInputStream(s.getInputStream());
            byte[] header = new byte[5];
            in.readFully(header);
            assertThat(header[0]).as("record type alert").isEqualTo((byte) 21);
            byte[] alert = new byte[2];
            in.readFully(alert);
            assertThat(alert[0]).as("fatal").isEqualTo((byte) 2);
            assertThat(alert[1]).as("protocol_version or handshake_failure").isIn((byte) 70, (byte) 40);
            assertThat(readToEnd(in)).isTrue();
        }
        assertThat(done.get(TIMEOUT_MS, TimeUnit.MILLISECONDS)).isInstanceOf(SSLException.class);
    }

    private static boolean readToEnd(InputStream in) throws Exception {
        try {
            while (in.read() >= 0) {
                // drain until the server closes
            }
            return true;
        } catch (EOFException e) {
            return true;
        }
    }

    private static byte[] tls11ClientHello() {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(3);
        body.write(2); // TLS 1.1
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        body.writeBytes(random);
        body.write(0); // no session id
        int[] suites = {0xC009, 0xC013, 0xC00A, 0xC014, 0x002F, 0x0035};
        u16(body, suites.length * 2);
        for (int s : suites) {
            u16(body, s);
        }
        body.write(1);
        body.write(0); // null compression
        ByteArrayOutputStream ext = new ByteArrayOutputStream();
        u16(ext, 0x000a); // supported_groups: secp256r1
        u16(ext, 4);
        u16(ext, 2);
        u16(ext, 0x0017);
        u16(ext, 0x000b); // ec_point_formats: uncompressed
        u16(ext, 2);
        ext.write(1);
        ext.write(0);
        u16(body, ext.size());
        body.writeBytes(ext.toByteArray());

        ByteArrayOutputStream hs = new ByteArrayOutputStream();
        hs.write(1); // client_hello
        hs.write(0);
        u16(hs, body.size());
        hs.writeBytes(body.toByteArray());

        ByteArrayOutputStream rec = new ByteArrayOutputStream();
        rec.write(22); // handshake
        rec.write(3);
        rec.write(2);
        u16(rec, hs.size());
        rec.writeBytes(hs.toByteArray());
        return rec.toByteArray();
    }

    private static void u16(ByteArrayOutputStream o, int v) {
        o.write(v >> 8 & 0xff);
        o.write(v & 0xff);
    }
}
