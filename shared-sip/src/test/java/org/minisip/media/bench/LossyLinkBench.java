package org.minisip.media.bench;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.minisip.media.MediaParams;
import org.minisip.media.MediaSession;
import org.minisip.media.MediaStats;
import org.minisip.media.NullSink;
import org.minisip.media.SilenceSource;
import org.minisip.media.ToneSource;
import org.minisip.media.codec.AudioCodec;
import org.minisip.media.codec.CodecRegistry;

/**
 * Benchmark (run by hand from {@code bench/}, never by Maven): one RTP stream between two real
 * {@link MediaSession}s on 127.0.0.1 through an in-process UDP relay that drops packets at random and delays each
 * by a uniformly random time (so packets also reorder). Samples the receiver's jitter-buffer delay every 100 ms
 * after a warm-up and prints min / median / p95 / max, plus lost and late packet shares.
 *
 * <p>Usage: {@code LossyLinkBench CODEC SECONDS LOSS_PERCENT BASE_MS JITTER_MS [SEED]}; the per-packet delay is
 * BASE_MS + uniform[0, JITTER_MS).
 */
public final class LossyLinkBench {
    private LossyLinkBench() {
    }

    public static void main(String[] args) throws Exception {
        String codecName = args.length > 0 ? args[0] : "PCMU";
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        double loss = (args.length > 2 ? Double.parseDouble(args[2]) : 5) / 100.0;
        int baseMs = args.length > 3 ? Integer.parseInt(args[3]) : 20;
        int jitterMs = args.length > 4 ? Integer.parseInt(args[4]) : 40;
        long seed = args.length > 5 ? Long.parseLong(args[5]) : 1;
        AudioCodec proto = CodecRegistry.defaults().byName(codecName).orElseThrow();
        InetAddress lo = InetAddress.getLoopbackAddress();
        ScheduledExecutorService delayer = Executors.newScheduledThreadPool(1);
        Random rnd = new Random(seed);
        try (MediaSession tx = MediaSession.open(lo); MediaSession rx = MediaSession.open(lo);
             DatagramSocket relay = new DatagramSocket(new InetSocketAddress(lo, 0))) {
            InetSocketAddress rxAddr = new InetSocketAddress(lo, rx.localPort());
            int[] dropped = new int[1];
            Thread pump = new Thread(() -> {
                byte[] buf = new byte[2048];
                while (!relay.isClosed()) {
                    try {
                        DatagramPacket p = new DatagramPacket(buf, buf.length);
                        relay.receive(p);
                        if (rnd.nextDouble() < loss) {
                            dropped[0]++;
                            continue;
                        }
                        byte[] copy = java.util.Arrays.copyOf(p.getData(), p.getLength());
                        long delayUs = baseMs * 1000L + (long) (rnd.nextDouble() * jitterMs * 1000);
                        delayer.schedule(() -> {
                            try {
                                relay.send(new DatagramPacket(copy, copy.length, rxAddr));
                            } catch (Exception ignored) {
                                // closing
                            }
                        }, delayUs, TimeUnit.MICROSECONDS);
                    } catch (Exception e) {
                        return;
                    }
                }
            }, "relay");
            pump.setDaemon(true);
            pump.start();
            AudioCodec enc = proto.newStream();
            AudioCodec dec = proto.newStream();
            int rate = proto.sampleRate();
            tx.configure(new MediaParams(new InetSocketAddress(lo, relay.getLocalPort()), enc, proto.payloadType(), -1,
                    20, null, true, false, new ToneSource(440, rate, 0.3), new NullSink(rate), null));
            rx.configure(new MediaParams(null, dec, proto.payloadType(), -1, 20, null, false, true,
                    new SilenceSource(rate), new NullSink(rate), null));
            rx.start();
            tx.start();
            Thread.sleep(5000); // warm-up: the buffer settles on the jitter it sees
            MediaStats start = rx.stats();
            List<Integer> delays = new ArrayList<>();
            long end = System.nanoTime() + seconds * 1_000_000_000L;
            while (System.nanoTime() < end) {
                Thread.sleep(100);
                delays.add(rx.stats().jitterBufferDelayMs());
            }
            MediaStats stop = rx.stats();
            MediaStats sent = tx.stats();
            relay.close();
            Collections.sort(delays);
            long received = stop.packetsReceived() - start.packetsReceived();
            System.out.printf("codec=%s seconds=%d loss=%.1f%% delay=%d+U[0,%d) ms: jitter-buffer delay ms "
                            + "min=%d median=%d p95=%d max=%d (n=%d); relay dropped %d of %d sent; receiver: "
                            + "lost=%d late=%d (of %d received in the window)%n",
                    codecName, seconds, loss * 100, baseMs, jitterMs, delays.get(0), delays.get(delays.size() / 2),
                    delays.get(delays.size() * 95 / 100), delays.get(delays.size() - 1), delays.size(), dropped[0],
                    sent.packetsSent(), stop.lost() - start.lost(), stop.late() - start.late(), received);
        } finally {
            delayer.shutdownNow();
        }
    }
}
