package org.minisip.phone.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.minisip.media.codec.CodecRegistry;
import org.minisip.phone.audio.FileAudioBackend;

/**
 * NAT friendliness over UDP against a raw-socket registrar on 127.0.0.1 that pretends to see the phone behind a NAT
 * (RFC 3581 {@code received}/{@code rport} in the Via of its answers): the phone sends {@code rport}, re-registers
 * with the public address in Contact (removing the local one in the same REGISTER), puts it in the Contact of its
 * INVITEs, sends OPTIONS keep-alives, and re-registers again when a keep-alive's answer shows a new public address.
 */
class NatContactIT {
    private DatagramSocket registrar;
    private ScheduledExecutorService thread;
    private PhoneEngine engine;
    private final LinkedBlockingQueue<PhoneEvent> events = new LinkedBlockingQueue<>();
    /** Top Via branches already taken: UDP retransmissions are skipped. */
    private final java.util.Set<String> branches = new java.util.HashSet<>();

    @BeforeEach
    void setUp() throws Exception {
        registrar = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        thread = Executors.newSingleThreadScheduledExecutor();
        PhoneConfig cfg = PhoneConfig.of(AccountUri.parse("sip:100@127.0.0.1:" + registrar.getLocalPort()), "pw")
                .withBindAddress("127.0.0.1");
        engine = new PhoneEngine(cfg, FileAudioBackend.silent(), CodecRegistry.defaults(), events::add, thread,
                new SecureRandom());
        engine.udpKeepAliveInterval(Duration.ofMillis(500));
        engine.start();
    }

    @AfterEach
    void tearDown() throws Exception {
        engine.close();
        thread.shutdownNow();
        registrar.close();
    }

    @Test
    void registersCallsAndKeepsAliveWithThePublicAddressTheRegistrarSaw() throws Exception {
        int phonePort = engine.sipPort();
        engine.register();

        Received first = receive("REGISTER");
        assertThat(first.topVia()).as("rport requested (RFC 3581)").containsPattern(";rport(;|$)");
        assertThat(first.contacts()).containsExactly("<sip:100@127.0.0.1:" + phonePort + ">");
        answer(first, "200 OK", "127.0.0.2", 40000);

        Received second = receive("REGISTER");
        assertThat(second.contacts()).containsExactlyInAnyOrder("<sip:100@127.0.0.2:40000>",
                "<sip:100@127.0.0.1:" + phonePort + ">;expires=0");
        assertThat(second.header("Call-ID")).isEqualTo(first.header("Call-ID"));
        answer(second, "200 OK", "127.0.0.2", 40000);
        PhoneEvent registered = events.poll(10, TimeUnit.SECONDS);
        assertThat(registered).isInstanceOf(PhoneEvent.Registered.class);
        assertThat(engine.contactUri()).isEqualTo("sip:100@127.0.0.2:40000");

        engine.call("101");
        Received invite = receive("INVITE");
        assertThat(invite.contacts()).containsExactly("<sip:100@127.0.0.2:40000>");
        answer(invite, "486 Busy Here", "127.0.0.2", 40000);
        assertThat(receive("ACK").line()).startsWith("ACK ");

        Received keepAlive = receive("OPTIONS");
        assertThat(keepAlive.line()).startsWith("OPTIONS sip:127.0.0.1:" + registrar.getLocalPort());
        answer(keepAlive, "200 OK", "127.0.0.3", 40001); // the NAT gave us a new binding

        Received third = receive("REGISTER");
        assertThat(third.contacts()).containsExactlyInAnyOrder("<sip:100@127.0.0.3:40001>",
                "<sip:100@127.0.0.2:40000>;expires=0");
        answer(third, "200 OK", "127.0.0.3", 40001);
        assertThat(receive("OPTIONS").line()).as("keep-alives go on").startsWith("OPTIONS ");
    }

    /** A request the phone sent, and where from. */
    private record Received(String text, InetSocketAddress from) {
        String line() {
            return text.substring(0, text.indexOf("\r\n"));
        }

        String header(String name) {
            Matcher m = Pattern.compile("(?im)^" + name + ":\\s*(.*?)\\r?$").matcher(text);
            assertThat(m.find()).as("%s in\n%s", name, text).isTrue();
            return m.group(1);
        }

        String topVia() {
            return header("Via");
        }

        List<String> contacts() {
            List<String> out = new ArrayList<>();
            Matcher m = Pattern.compile("(?im)^(?:Contact|m):\\s*(.*?)\\r?$").matcher(text);
            while (m.find()) {
                for (String c : m.group(1).split(",")) {
                    out.add(c.trim().replaceAll("\\s*;\\s*", ";"));
                }
            }
            return out;
        }
    }

    /** The next request with {@code method}, skipping retransmissions and other requests; at most 15 s. */
    private Received receive(String method) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        byte[] buf = new byte[65535];
        while (System.nanoTime() < end) {
            registrar.setSoTimeout(500);
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                registrar.receive(p);
            } catch (SocketTimeoutException e) {
                continue;
            }
            String text = new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
            Received r = new Received(text, (InetSocketAddress) p.getSocketAddress());
            String key = r.header("CSeq") + " " + r.topVia().replaceAll(".*branch=([^;]+).*", "$1");
            if (text.startsWith(method + " ") && branches.add(key)) {
                return r;
            }
        }
        throw new AssertionError("no " + method + " within 15 s");
    }

    /** Answers {@code req} from the registrar as if it had come from {@code received:rport}. */
    private void answer(Received req, String status, String received, int rport) throws Exception {
        StringBuilder sb = new StringBuilder("SIP/2.0 ").append(status).append("\r\n");
        boolean firstVia = true;
        for (String line : req.text().split("\r\n")) {
            String l = line.toLowerCase();
            if (l.startsWith("via:") && firstVia) {
                firstVia = false;
                sb.append(line.replaceFirst(";rport(?=;|$)", ";rport=" + rport + ";received=" + received))
                        .append("\r\n");
            } else if (l.startsWith("via:") || l.startsWith("from:") || l.startsWith("call-id:")
                    || l.startsWith("cseq:")) {
                sb.append(line).append("\r\n");
            } else if (l.startsWith("to:")) {
                sb.append(line).append(line.contains(";tag=") ? "" : ";tag=reg1").append("\r\n");
            }
        }
        if (req.line().startsWith("REGISTER") && status.startsWith("200")) {
            for (String c : req.contacts()) {
                if (!c.endsWith(";expires=0")) {
                    sb.append("Contact: ").append(c).append(";expires=600\r\n");
                }
            }
        }
        sb.append("Content-Length: 0\r\n\r\n");
        byte[] b = sb.toString().getBytes(StandardCharsets.UTF_8);
        registrar.send(new DatagramPacket(b, b.length, req.from()));
    }
}
