package org.minisip.server.media;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.minisip.media.MediaParams;
import org.minisip.media.MediaSession;
import org.minisip.media.NullSink;
import org.minisip.media.ToneSource;
import org.minisip.media.codec.AudioCodec;
import org.minisip.media.codec.G711;
import org.minisip.media.wav.WavReader;

/**
 * Bench (run by hand through {@code bench/recording_reorder.sh}, never by mvn): the server's recording path under
 * packet reordering. Two "phones" (shared-sip MediaSessions: 1000 Hz in 20 ms packets, 440 Hz in 40 ms packets)
 * talk to two server-side sessions joined by a {@link Mixer} whose mix is recorded, each through a UDP relay
 * that reorders a given share of packets (a held packet goes out after the next one). Prints the longest
 * silence inside the recording and its length. Arguments: reorder fraction (e.g. 0.05), seconds, output dir.
 */
public final class ReorderBench {
    public static void main(String[] args) throws Exception {
        double reorder = Double.parseDouble(args[0]);
        int seconds = Integer.parseInt(args[1]);
        Path dir = Path.of(args[2]);
        Files.createDirectories(dir);
        InetAddress lo = InetAddress.getLoopbackAddress();
        AudioCodec pcmu = G711.pcmu();
        Mixer mixer = new Mixer("bench");
        ExecutorService io = Executors.newSingleThreadExecutor();
        Path wav = dir.resolve("reorder-" + reorder + ".wav");
        Recorder rec = new Recorder(wav, io);
        mixer.tap(rec);
        MediaSession serverA = MediaSession.open(lo);
        MediaSession serverB = MediaSession.open(lo);
        MediaSession phoneA = MediaSession.open(lo);
        MediaSession phoneB = MediaSession.open(lo);
        Relay relayA = new Relay(new InetSocketAddress(lo, phoneA.localPort()), new InetSocketAddress(lo,
                serverA.localPort()), reorder, 1);
        Relay relayB = new Relay(new InetSocketAddress(lo, phoneB.localPort()), new InetSocketAddress(lo,
                serverB.localPort()), reorder, 2);
        MixerPort pa = mixer.addPort("a");
        MixerPort pb = mixer.addPort("b");
        serverA.configure(new MediaParams(relayA.address(), pcmu, 0, -1, 20, null, true, true, pa.source(), pa.sink(),
                null));
        serverB.configure(new MediaParams(relayB.address(), pcmu, 0, -1, 40, null, true, true, pb.source(), pb.sink(),
                null));
        phoneA.configure(new MediaParams(relayA.address(), pcmu, 0, -1, 20, null, true, true,
                new ToneSource(1000, 8000, 0.5), new NullSink(8000), null));
        phoneB.configure(new MediaParams(relayB.address(), pcmu, 0, -1, 40, null, true, true,
                new ToneSource(440, 8000, 0.5), new NullSink(8000), null));
        relayA.start();
        relayB.start();
        mixer.start();
        serverA.start();
        serverB.start();
        phoneA.start();
        phoneB.start();
        Thread.sleep(seconds * 1000L);
        phoneA.close();
        phoneB.close();
        serverA.close();
        serverB.close();
        mixer.close();
        relayA.close();
        relayB.close();
        io.shutdown();
        io.awaitTermination(5, TimeUnit.SECONDS);
        short[] x = WavReader.read(wav).samples();
        int block = 80;
        int first = -1;
        int last = -1;
        boolean[] silent = new boolean[x.length / block];
        for (int b = 0; b < silent.length; b++) {
            double e = 0;
            for (int i = b * block; i < (b + 1) * block; i++) {
                e += (double) x[i] * x[i];
            }
            silent[b] = Math.sqrt(e / block) < 500;
            if (!silent[b]) {
                last = b;
                first = first < 0 ? b : first;
            }
        }
        int run = 0;
        int longest = 0;
        for (int b = Math.max(0, first); b <= last; b++) {
            run = silent[b] ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        System.out.printf("reorder %.0f%% (A ptime 20, B ptime 40): %d + %d packets reordered; recording %.1f s,"
                + " longest inner silence %d ms; longest dropout of A's 1000 Hz %d ms, of B's 440 Hz %d ms%n",
                reorder * 100, relayA.reordered, relayB.reordered, x.length / 8000.0, longest * 10,
                longestDropoutMs(x, 1000, first * block, last * block), longestDropoutMs(x, 440, first * block,
                        last * block));
    }

    /** Longest run of 20 ms blocks (after the first second) where the tone is below a quarter of its median. */
    static int longestDropoutMs(short[] x, double hz, int from, int to) {
        int block = 160;
        from += 8000;
        int n = Math.max(0, (to - from) / block);
        double[] amp = new double[n];
        double c = 2 * Math.cos(2 * Math.PI * hz / 8000);
        for (int b = 0; b < n; b++) {
            double s1 = 0;
            double s2 = 0;
            for (int i = from + b * block; i < from + (b + 1) * block; i++) {
                double s0 = x[i] + c * s1 - s2;
                s2 = s1;
                s1 = s0;
            }
            amp[b] = Math.sqrt(Math.max(0, s1 * s1 + s2 * s2 - c * s1 * s2));
        }
        double[] sorted = amp.clone();
        java.util.Arrays.sort(sorted);
        double median = n == 0 ? 0 : sorted[n / 2];
        int run = 0;
        int longest = 0;
        for (double a : amp) {
            run = a < median / 4 ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        return longest * 20;
    }

    /** Bidirectional UDP relay; packets towards the server are reordered with probability {@code p}. */
    static final class Relay implements AutoCloseable {
        private final DatagramSocket socket;
        private final InetSocketAddress phone;
        private final InetSocketAddress server;
        private final double p;
        private final Random random;
        private final Thread thread;
        volatile int reordered;

        Relay(InetSocketAddress phone, InetSocketAddress server, double p, long seed) throws Exception {
            this.socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
            this.phone = phone;
            this.server = server;
            this.p = p;
            this.random = new Random(seed);
            this.thread = new Thread(this::run, "relay");
            this.thread.setDaemon(true);
        }

        InetSocketAddress address() {
            return new InetSocketAddress(InetAddress.getLoopbackAddress(), socket.getLocalPort());
        }

        void start() {
            thread.start();
        }

        private void run() {
            byte[] buf = new byte[2048];
            byte[] held = null;
            try {
                while (!socket.isClosed()) {
                    DatagramPacket in = new DatagramPacket(buf, buf.length);
                    socket.receive(in);
                    boolean fromPhone = in.getPort() == phone.getPort();
                    InetSocketAddress to = fromPhone ? server : phone;
                    byte[] data = java.util.Arrays.copyOf(in.getData(), in.getLength());
                    if (fromPhone && held == null && random.nextDouble() < p) {
                        held = data;
                        reordered++;
                        continue;
                    }
                    socket.send(new DatagramPacket(data, data.length, to));
                    if (fromPhone && held != null) {
                        socket.send(new DatagramPacket(held, held.length, server));
                        held = null;
                    }
                }
            } catch (Exception e) {
                // closed
            }
        }

        @Override
        public void close() {
            socket.close();
        }
    }
}
