package org.minisip.server.media;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.minisip.media.codec.CodecRegistry;
import org.minisip.sdp.SrtpMode;

/**
 * What anchored media needs from the server: codecs, randomness for SDES keys, the recordings directory and one
 * background thread that writes recordings (SIP and mixer threads never touch the disk).
 */
public final class MediaServices implements AutoCloseable {
    private final Path recordingsDir;
    private final ZoneId zone;
    private final Clock clock;
    private final CodecRegistry codecs = CodecRegistry.defaults();
    private final SecureRandom random;
    private final ExecutorService io = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "recording-writer");
        t.setDaemon(true);
        return t;
    });

    public MediaServices(Path recordingsDir, ZoneId zone, Clock clock, SecureRandom random) {
        this.recordingsDir = recordingsDir;
        this.zone = zone;
        this.clock = clock;
        this.random = random;
    }

    public AnchorLeg openLeg(String localAddress, SrtpMode srtp) throws IOException {
        return AnchorLeg.open(InetAddress.getByName(localAddress), codecs, srtp, random);
    }

    /** {@code recordings/<date>/<call-id>.wav}, the Call-ID made safe for a file name. */
    public Path recordingFile(String callId) {
        String safe = callId.replaceAll("[^A-Za-z0-9@._-]", "_");
        return recordingsDir.resolve(LocalDate.now(clock.withZone(zone)).toString()).resolve(safe + ".wav");
    }

    public Recorder recorder(String callId) {
        return new Recorder(recordingFile(callId), io);
    }

    /**
     * Closes anchored media off the caller's thread (closing joins media threads): SIP threads call this.
     */
    public void release(AutoCloseable media) {
        io.execute(() -> {
            try {
                media.close();
            } catch (Exception e) {
                org.slf4j.LoggerFactory.getLogger(MediaServices.class).debug("closing media: {}", e.toString());
            }
        });
    }

    /** Finishes queued recording writes. */
    @Override
    public void close() {
        io.shutdown();
        try {
            io.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
