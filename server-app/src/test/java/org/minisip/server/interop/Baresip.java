package org.minisip.server.interop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a headless baresip config dir: file audio (aufile), recordings (sndfile), G.711, SDES SRTP. */
final class Baresip {
    private Baresip() {
    }

    /**
     * @param account  baresip account line, e.g. {@code <sip:101@127.0.0.1;transport=tls>;auth_pass=...}
     * @param listen   sip_listen address, e.g. {@code 127.0.0.1:7060} (baresip also binds +1 for TLS)
     * @param toneWav  what baresip sends; {@code recordDir} receives dump-*-dec.wav (what it heard)
     */
    static Path config(Path dir, String account, String listen, Path toneWav, Path recordDir) throws IOException {
        return config(dir, account, listen, toneWav, recordDir, 8000);
    }

    /**
     * As above, with the wideband codec modules ({@code g722}, {@code opus}) loaded and the audio device rate
     * {@code srate} (baresip resamples between it and the codec).
     */
    static Path config(Path dir, String account, String listen, Path toneWav, Path recordDir, int srate)
            throws IOException {
        Files.createDirectories(dir);
        Files.createDirectories(recordDir);
        String config = String.join("\n",
                "poll_method epoll",
                "sip_listen " + listen,
                "sip_trans_def udp",
                "audio_source aufile," + toneWav,
                "audio_player aufile,/dev/null",
                "audio_alert aufile,/dev/null",
                "audio_level no",
                "ausrc_srate " + srate,
                "auplay_srate " + srate,
                "ausrc_channels 1",
                "auplay_channels 1",
                "rtp_tos 0",
                "module_path /usr/lib/baresip/modules",
                "module stdio.so",
                "module g711.so",
                "module g722.so",
                "module opus.so",
                "module aufile.so",
                "module sndfile.so",
                "module srtp.so",
                "module_app account.so",
                "module_app menu.so",
                "snd_path " + recordDir,
                "");
        Files.writeString(dir.resolve("config"), config);
        Files.writeString(dir.resolve("accounts"), account + "\n");
        Files.writeString(dir.resolve("contacts"), "");
        return dir;
    }

    /** The first received-audio recording baresip wrote, if any. */
    static Path decodedRecording(Path recordDir) throws IOException {
        try (var s = Files.list(recordDir)) {
            return s.filter(p -> p.getFileName().toString().endsWith("-dec.wav")).findFirst()
                    .orElseThrow(() -> new AssertionError("baresip wrote no *-dec.wav in " + recordDir));
        }
    }
}
