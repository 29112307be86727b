package org.minisip.sdp;

import java.util.Optional;

/**
 * RFC 4566 parser behind {@link SessionDescription#parse}. Single pass over at most
 * {@link SessionDescription#MAX_LENGTH} characters; every error names the line. Lenient where real peers
 * deviate harmlessly: LF line ends, empty lines, missing {@code t=}, unknown line types (kept), malformed
 * {@code a=crypto} (kept as an ordinary attribute and so never used for keying). Stateless and thread-safe.
 */
final class SdpParser {
    private SdpParser() {
    }

    static SessionDescription parse(String sdp) throws SdpParseException {
        if (sdp == null) {
            throw new SdpParseException(0, "no SDP body");
        }
        if (sdp.length() > SessionDescription.MAX_LENGTH) {
            throw new SdpParseException(0, "body of " + sdp.length() + " characters exceeds the limit of "
                    + SessionDescription.MAX_LENGTH);
        }
        SessionDescription.Builder session = SessionDescription.builder();
        MediaDescription.Builder media = null;
        boolean sawVersion = false;
        boolean sawOrigin = false;
        boolean sawName = false;
        String[] lines = sdp.split("\n", -1);
        for (int n = 1; n <= lines.length; n++) {
            String line = lines[n - 1];
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            if (line.isBlank()) {
                continue;
            }
            if (line.length() < 2 || line.charAt(1) != '=' || line.charAt(0) < 'a' || line.charAt(0) > 'z') {
                throw new SdpParseException(n, "expected '<type>=<value>', got '" + clip(line) + "'");
            }
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (c < ' ' && c != '\t' || c == 0x7f) {
                    throw new SdpParseException(n, "control character in line");
                }
            }
            char type = line.charAt(0);
            String value = line.substring(2);
            if (!sawVersion) {
                if (type != 'v') {
                    throw new SdpParseException(n, "first line must be v=0, got '" + clip(line) + "'");
                }
                if (!value.trim().equals("0")) {
                    throw new SdpParseException(n, "unsupported SDP version '" + clip(value) + "'");
                }
                sawVersion = true;
                continue;
            }
            try {
                switch (type) {
                    case 'v' -> throw new SdpParseException(n, "duplicate v= line");
                    case 'o' -> {
                        if (sawOrigin || media != null) {
                            throw new SdpParseException(n, "unexpected o= line");
                        }
                        origin(session, value, n);
                        sawOrigin = true;
                    }
                    case 's' -> {
                        if (sawName || media != null) {
                            throw new SdpParseException(n, "unexpected s= line");
                        }
                        session.sessionName(value);
                        sawName = true;
                    }
                    case 'c' -> {
                        Connection c = Connection.parse(value);
                        if (c == null) {
                            throw new SdpParseException(n, "malformed c= line '" + clip(value) + "'");
                        }
                        if (media != null) {
                            media.connection(c);
                        } else {
                            session.connection(c);
                        }
                    }
                    case 't', 'r' -> {
                        if (media != null) {
                            throw new SdpParseException(n, type + "= line inside a media section");
                        }
                        session.timing(line);
                    }
                    case 'm' -> {
                        if (!sawOrigin || !sawName) {
                            throw new SdpParseException(n, "m= line before o= and s=");
                        }
                        if (media != null) {
                            session.addMedia(media.build());
                        }
                        media = mediaLine(value, n);
                    }
                    case 'a' -> {
                        if (media != null) {
                            mediaAttribute(media, value, n);
                        } else {
                            Optional<Direction> d = Direction.fromAttribute(value.trim());
                            if (d.isPresent()) {
                                session.direction(d.get());
                            } else {
                                session.attribute(value);
                            }
                        }
                    }
                    case 'i', 'b', 'k' -> {
                        if (media != null) {
                            media.line(line);
                        } else {
                            session.line(line);
                        }
                    }
                    case 'u', 'e', 'p', 'z' -> {
                        if (media != null) {
                            throw new SdpParseException(n, type + "= line inside a media section");
                        }
                        session.line(line);
                    }
                    default -> throw new SdpParseException(n, "unknown line type '" + type + "='");
                }
            } catch (IllegalArgumentException e) {
                throw new SdpParseException(n, e.getMessage());
            }
        }
        if (!sawVersion) {
            throw new SdpParseException(0, "empty SDP body (no v=0 line)");
        }
        if (!sawOrigin) {
            throw new SdpParseException(0, "missing o= line");
        }
        if (!sawName) {
            throw new SdpParseException(0, "missing s= line");
        }
        if (media != null) {
            session.addMedia(media.build());
        }
        return session.build();
    }

    private static void origin(SessionDescription.Builder session, String value, int n) throws SdpParseException {
        String[] f = value.trim().split(" +");
        if (f.length != 6 || !f[3].equals("IN")) {
            throw new SdpParseException(n,
                    "o= needs '<username> <sess-id> <sess-version> IN <addrtype> <address>', got '" + clip(value) + "'");
        }
        session.origin(f[0], f[1], f[2], new Connection(f[4], f[5], ""));
    }

    private static MediaDescription.Builder mediaLine(String value, int n) throws SdpParseException {
        String[] f = value.trim().split(" +");
        if (f.length < 3) {
            throw new SdpParseException(n, "m= needs '<media> <port> <proto> <fmt>...', got '" + clip(value) + "'");
        }
        String portField = f[1];
        int slash = portField.indexOf('/');
        int port = parseInt(slash < 0 ? portField : portField.substring(0, slash), 0, 65535, "port", n);
        MediaDescription.Builder b = MediaDescription.builder(f[0], port, f[2]);
        if (slash >= 0) {
            b.portCount(parseInt(portField.substring(slash + 1), 1, 65535, "number of ports", n));
        }
        for (int i = 3; i < f.length; i++) {
            b.format(f[i]);
        }
        return b;
    }

    private static void mediaAttribute(MediaDescription.Builder b, String value, int n) throws SdpParseException {
        int colon = value.indexOf(':');
        String name = colon < 0 ? value.trim() : value.substring(0, colon);
        String arg = colon < 0 ? "" : value.substring(colon + 1);
        switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "rtpmap" -> {
                RtpMap m = RtpMap.parse(arg);
                b.rtpMap(m);
            }
            case "fmtp" -> {
                String[] f = arg.trim().split("\\s+", 2);
                if (f[0].matches("[0-9]{1,3}")) {
                    b.fmtp(parseInt(f[0], 0, 127, "fmtp payload type", n), f.length > 1 ? f[1] : "");
                } else {
                    b.attribute(value);
                }
            }
            case "ptime" -> b.ptime(parseInt(arg.trim(), 1, 10_000, "ptime", n));
            case "crypto" -> {
                try {
                    b.crypto(CryptoAttribute.parse(arg));
                } catch (IllegalArgumentException e) {
                    b.attribute(value);
                }
            }
            default -> {
                Optional<Direction> d = colon < 0 ? Direction.fromAttribute(name) : Optional.empty();
                if (d.isPresent()) {
                    b.direction(d.get());
                } else {
                    b.attribute(value);
                }
            }
        }
    }

    private static int parseInt(String s, int min, int max, String what, int n) throws SdpParseException {
        if (!s.matches("[0-9]{1,9}")) {
            throw new SdpParseException(n, what + " is not a number: '" + clip(s) + "'");
        }
        int v = Integer.parseInt(s);
        if (v < min || v > max) {
            throw new SdpParseException(n, what + " " + v + " out of range " + min + ".." + max);
        }
        return v;
    }

    private static String clip(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "..." : s;
    }
}
