package org.minisip.sdp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Loads SDP test resources with CRLF line ends. */
final class SdpTestFiles {
    private SdpTestFiles() {
    }

    static String text(String name) {
        try (InputStream in = SdpTestFiles.class.getResourceAsStream("/sdp/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource sdp/" + name);
            }
            String s = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return s.replace("\r\n", "\n").replace("\n", "\r\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SessionDescription sdp(String name) {
        try {
            return SessionDescription.parse(text(name));
        } catch (SdpParseException e) {
            throw new AssertionError(e);
        }
    }
}
