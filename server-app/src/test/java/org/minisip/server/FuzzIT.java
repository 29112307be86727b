package org.minisip.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.minisip.sip.stack.Transport;

/**
 * Mutation fuzzing of the running server (in this JVM): valid requests and the RFC 4475 corpus, mutated with a
 * fixed seed (bit flips, inserted/deleted bytes, truncation, bad Content-Length, huge and broken header lines),
 * sent over UDP and over fresh TCP connections. Bounded in count and time; after every batch an OPTIONS must be
 * answered on both transports, and the live heap after the run may not grow by more than a fixed bound.
 */
class FuzzIT {
    private static final int UDP_MESSAGES = 4000;
    private static final int TCP_MESSAGES = 400;
    private static final int BATCH = 200;
    private static final long MAX_SECONDS = 240;
    private static final long HEAP_GROWTH_BOUND = 48L << 20;
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        // the fuzzer is one address sending as fast as it can: exempt it from the flood limit and from bans
        server = TestServer.start("security:\n  whitelist: [127.0.0.1]\n");
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    static List<byte[]> seeds(int port) throws Exception {
        List<byte[]> seeds = new ArrayList<>();
        String sdp = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + "m=audio 4000 RTP/AVP 0 101\r\na=rtpmap:101 telephone-event/8000\r\n";
        for (String[] m : new String[][] {{"OPTIONS", ""}, {"REGISTER", "Expires: 600\r\n"},
                {"INVITE", "Content-Type: application/sdp\r\n"}, {"BYE", ""}, {"CANCEL", ""}, {"MESSAGE", ""}}) {
            String branch = "z9hG4bK" + UUID.randomUUID().toString().replace("-", "");
            String body = m[0].equals("INVITE") ? sdp : m[0].equals("MESSAGE") ? "hello" : "";
            seeds.add((m[0] + " sip:101@127.0.0.1:" + port + " SIP/2.0\r\n"
                    + "Via: SIP/2.0/UDP 127.0.0.1:5999;branch=" + branch + ";rport\r\n"
                    + "Max-Forwards: 70\r\nFrom: \"A\" <sip:100@127.0.0.1>;tag=" + branch.substring(8, 16) + "\r\n"
                    + "To: <sip:101@127.0.0.1>\r\nCall-ID: " + branch + "@h\r\nCSeq: 1 " + m[0] + "\r\n"
                    + "Contact: <sip:100@127.0.0.1:5999>\r\n" + m[1]
                    + "Content-Length: " + body.length() + "\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8));
        }
        try (Stream<Path> s = Files.list(MalformedInputIT.corpus())) {
            for (Path p : s.filter(p -> p.toString().endsWith(".dat")).sorted().toList()) {
                seeds.add(Files.readAllBytes(p));
            }
        }
        return seeds;
    }

    static byte[] mutate(Random rng, byte[] seed) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] b = seed.clone();
        int ops = 1 + rng.nextInt(5);
        for (int k = 0; k < ops; k++) {
            int i = b.length == 0 ? 0 : rng.nextInt(b.length);
            switch (rng.nextInt(8)) {
                case 0 -> { if (b.length > 0) b[i] ^= (byte) (1 << rng.nextInt(8)); }
                case 1 -> b = splice(b, i, 0, new byte[] {(byte) rng.nextInt(256)});
                case 2 -> b = splice(b, i, Math.min(b.length - i, 1 + rng.nextInt(20)), new byte[0]);
                case 3 -> b = java.util.Arrays.copyOf(b, i);
                case 4 -> b = new String(b, StandardCharsets.ISO_8859_1).replaceAll("(?i)Content-Length: *\\d+",
                        "Content-Length: " + List.of("-1", "99999999", "2147483648", "x", "" + rng.nextInt(5000))
                                .get(rng.nextInt(5))).getBytes(StandardCharsets.ISO_8859_1);
                case 5 -> b = splice(b, i, 0, ("X-Junk: " + "A".repeat(rng.nextInt(3000)) + "\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
                case 6 -> b = splice(b, i, 0, "\r\n".getBytes(StandardCharsets.ISO_8859_1));
                default -> b = new String(b, StandardCharsets.ISO_8859_1).replaceFirst("\r\n", "\n")
                        .getBytes(StandardCharsets.ISO_8859_1);
            }
        }
        out.writeBytes(b);
        byte[] r = out.toByteArray();
        return r.length > 60000 ? java.util.Arrays.copyOf(r, 60000) : r;
    }

    private static byte[] splice(byte[] b, int at, int remove, byte[] insert) {
        byte[] r = new byte[b.length - remove + insert.length];
        System.arraycopy(b, 0, r, 0, at);
        System.arraycopy(insert, 0, r, at, insert.length);
        System.arraycopy(b, at + remove, r, at + insert.length, b.length - at - remove);
        return r;
    }

    private static long liveHeap() throws InterruptedException {
        MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
            best = Math.min(best, mem.getHeapMemoryUsage().getUsed());
        }
        return best;
    }

    private static void assertServing(RawSip fuzzer, int tcpPort, String after) throws Exception {
        try (RawSip probe = new RawSip(fuzzer.serverPort())) {   // its own port: no answers to fuzz messages
            // A UDP client retransmits (RFC 3261 Timer E: 500 ms, doubling): right after a burst the kernel may
            // drop a datagram from the server's full receive buffer, which is UDP, not a dead server.
            String options = probe.options();
            Optional<String> answer = Optional.empty();
            for (int wait = 500; wait <= 4000 && answer.isEmpty(); wait *= 2) {
                probe.send(options);
                answer = probe.finalResponse(wait);
            }
            assertThat(answer.map(RawSip::status)).as("UDP OPTIONS answered after %s", after).contains(200);
        }
        try (RawTcpSip tcp = new RawTcpSip(tcpPort)) {
            tcp.send(tcp.options(tcpPort));
            assertThat(tcp.receive(3000).map(RawSip::status)).as("TCP OPTIONS answered after %s", after)
                    .contains(200);
        }
    }

    @Test
    void mutatedMessagesNeverStopTheServerNorGrowItsHeap() throws Exception {
        int udpPort = server.port(Transport.UDP);
        int tcpPort = server.port(Transport.TCP);
        List<byte[]> seeds = seeds(udpPort);
        Random rng = new Random(4475);
        long deadline = System.nanoTime() + MAX_SECONDS * 1_000_000_000L;
        int udpSent = 0;
        int tcpSent = 0;
        try (RawSip udp = new RawSip(udpPort)) {
            assertServing(udp, tcpPort, "start");
            long before = liveHeap();
            while ((udpSent < UDP_MESSAGES || tcpSent < TCP_MESSAGES) && System.nanoTime() < deadline) {
                for (int i = 0; i < BATCH && udpSent < UDP_MESSAGES; i++, udpSent++) {
                    udp.send(mutate(rng, seeds.get(rng.nextInt(seeds.size()))));
                }
                for (int i = 0; i < BATCH / 10 && tcpSent < TCP_MESSAGES; i++, tcpSent++) {
                    try (Socket s = new Socket("127.0.0.1", tcpPort)) {
                        s.getOutputStream().write(mutate(rng, seeds.get(rng.nextInt(seeds.size()))));
                    } catch (java.io.IOException closedByServer) {
                        // the server may close a broken stream before we finish writing
                    }
                }
                assertServing(udp, tcpPort, udpSent + " UDP and " + tcpSent + " TCP messages");
            }
            Thread.sleep(35_000);   // server transactions created by the fuzz (Timer J/H, 32 s) run out
            long after = liveHeap();
            System.out.printf("fuzz: %d UDP + %d TCP mutated messages, live heap %d KiB before, %d KiB after%n",
                    udpSent, tcpSent, before >> 10, after >> 10);
            assertThat(udpSent + tcpSent).as("messages sent within the time bound").isGreaterThan(BATCH);
            assertThat(after - before).as("live heap growth").isLessThan(HEAP_GROWTH_BOUND);
            assertServing(udp, tcpPort, "the whole run");
        }
    }
}
