package org.minisip.sdp;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One media section of a session description (RFC 4566 §5.14 {@code m=} and the lines that follow it).
 *
 * <p>Well-known attributes are parsed into fields ({@code rtpmap}, {@code fmtp} of numeric formats,
 * {@code ptime}, the direction attributes, {@code crypto}); all other attributes are kept verbatim in
 * {@link #otherAttributes()} and other lines ({@code i=}, {@code b=}, {@code k=}) in {@link #otherLines()}, so
 * formatting reproduces them. Immutable and thread-safe; build or modify with {@link Builder}.
 */
public final class MediaDescription {
    private final String media;
    private final int port;
    private final int portCount;
    private final String proto;
    private final List<String> formatTokens;
    private final Connection connection;
    private final Map<Integer, RtpMap> rtpMaps;
    private final Map<Integer, String> fmtps;
    private final Integer ptime;
    private final Direction direction;
    private final List<CryptoAttribute> cryptos;
    private final List<String> otherAttributes;
    private final List<String> otherLines;

    private MediaDescription(Builder b) {
        media = b.media;
        port = b.port;
        portCount = b.portCount;
        proto = b.proto;
        formatTokens = List.copyOf(b.formatTokens);
        connection = b.connection;
        rtpMaps = Collections.unmodifiableMap(new LinkedHashMap<>(b.rtpMaps));
        fmtps = Collections.unmodifiableMap(new LinkedHashMap<>(b.fmtps));
        ptime = b.ptime;
        direction = b.direction;
        cryptos = List.copyOf(b.cryptos);
        otherAttributes = List.copyOf(b.otherAttributes);
        otherLines = List.copyOf(b.otherLines);
    }

    /** A builder for {@code m=<media> <port> <proto>} with no formats yet. */
    public static Builder builder(String media, int port, String proto) {
        return new Builder(media, port, proto);
    }

    /** A builder initialised with this section's content. */
    public Builder toBuilder() {
        Builder b = new Builder(media, port, proto);
        b.portCount = portCount;
        b.formatTokens.addAll(formatTokens);
        b.connection = connection;
        b.rtpMaps.putAll(rtpMaps);
        b.fmtps.putAll(fmtps);
        b.ptime = ptime;
        b.direction = direction;
        b.cryptos.addAll(cryptos);
        b.otherAttributes.addAll(otherAttributes);
        b.otherLines.addAll(otherLines);
        return b;
    }

    /** Media type, e.g. {@code "audio"}. */
    public String media() {
        return media;
    }

    /** Transport port; 0 means the stream is rejected/disabled (RFC 3264 §6). */
    public int port() {
        return port;
    }

    /** The {@code /<number of ports>} of the m-line, 0 if not written. */
    public int portCount() {
        return portCount;
    }

    /** Transport protocol, e.g. {@code "RTP/AVP"} or {@code "RTP/SAVP"}. */
    public String proto() {
        return proto;
    }

    /** The numeric formats (RTP payload types) of the m-line, in order. */
    public List<Integer> formats() {
        List<Integer> out = new ArrayList<>();
        for (String f : formatTokens) {
            if (f.matches("[0-9]{1,3}")) {
                out.add(Integer.parseInt(f));
            }
        }
        return Collections.unmodifiableList(out);
    }

    /** All format tokens as written, including non-numeric ones (e.g. {@code t38}). */
    public List<String> formatTokens() {
        return formatTokens;
    }

    /** The {@code a=rtpmap} entries by payload type, in attribute order. */
    public Map<Integer, RtpMap> rtpMaps() {
        return rtpMaps;
    }

    /**
     * The rtpmap of {@code pt}, falling back to the RFC 3551 static audio mapping; null if unknown.
     */
    public RtpMap rtpMapOrStatic(int pt) {
        RtpMap m = rtpMaps.get(pt);
        return m != null ? m : (pt < 96 ? RtpMap.staticAudio(pt) : null);
    }

    /** The {@code a=fmtp} parameters of {@code pt} (the text after the payload type), or null. */
    public String fmtp(int pt) {
        return fmtps.get(pt);
    }

    /** All fmtp parameters by payload type. */
    public Map<Integer, String> fmtps() {
        return fmtps;
    }

    /** {@code a=ptime} in milliseconds, or null. */
    public Integer ptime() {
        return ptime;
    }

    /**
     * The media-level direction attribute, or {@link Direction#SENDRECV} if none. Note a session-level
     * attribute may apply instead: see {@link SessionDescription#directionOf(MediaDescription)}.
     */
    public Direction direction() {
        return direction != null ? direction : Direction.SENDRECV;
    }

    /** The media-level direction attribute, or null if none was written. */
    public Direction declaredDirection() {
        return direction;
    }

    /** {@code a=crypto} attributes in order (malformed ones are in {@link #otherAttributes()}). */
    public List<CryptoAttribute> cryptos() {
        return cryptos;
    }

    /** The media-level {@code c=} address (without TTL), or null. */
    public String connectionAddress() {
        return connection == null ? null : connection.address();
    }

    /** The media-level {@code c=} address type ({@code IP4}/{@code IP6}), or null. */
    public String connectionAddressType() {
        return connection == null ? null : connection.addrType();
    }

    Connection connection() {
        return connection;
    }

    /** Other attributes verbatim, without {@code a=}: e.g. {@code rtcp:53021}, {@code maxptime:150}. */
    public List<String> otherAttributes() {
        return otherAttributes;
    }

    /** Other lines verbatim with their type, e.g. {@code b=AS:64}, {@code i=voice}. */
    public List<String> otherLines() {
        return otherLines;
    }

    /** Whether the proto is SRTP-protected RTP ({@code RTP/SAVP}). */
    public boolean isSavp() {
        return proto.equalsIgnoreCase("RTP/SAVP");
    }

    void format(StringBuilder sb) {
        sb.append("m=").append(media).append(' ').append(port);
        if (portCount > 0) {
            sb.append('/').append(portCount);
        }
        sb.append(' ').append(proto);
        for (String f : formatTokens) {
            sb.append(' ').append(f);
        }
        sb.append("\r\n");
        SessionDescription.appendLines(sb, otherLines, 'i');
        if (connection != null) {
            sb.append("c=").append(connection.format()).append("\r\n");
        }
        SessionDescription.appendLines(sb, otherLines, 'b');
        SessionDescription.appendLines(sb, otherLines, 'k');
        for (RtpMap m : rtpMaps.values()) {
            sb.append("a=rtpmap:").append(m.format()).append("\r\n");
        }
        fmtps.forEach((pt, v) -> sb.append("a=fmtp:").append(pt).append(' ').append(v).append("\r\n"));
        if (ptime != null) {
            sb.append("a=ptime:").append(ptime).append("\r\n");
        }
        for (CryptoAttribute c : cryptos) {
            sb.append("a=crypto:").append(c.format()).append("\r\n");
        }
        for (String a : otherAttributes) {
            sb.append("a=").append(a).append("\r\n");
        }
        if (direction != null) {
            sb.append("a=").append(direction.attribute()).append("\r\n");
        }
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof MediaDescription m)) {
            return false;
        }
        return port == m.port && portCount == m.portCount && media.equals(m.media) && proto.equals(m.proto)
                && formatTokens.equals(m.formatTokens) && Objects.equals(connection, m.connection)
                && rtpMaps.equals(m.rtpMaps) && fmtps.equals(m.fmtps) && Objects.equals(ptime, m.ptime)
                && direction == m.direction && cryptos.equals(m.cryptos)
                && otherAttributes.equals(m.otherAttributes) && otherLines.equals(m.otherLines);
    }

    @Override
    public int hashCode() {
        return Objects.hash(media, port, proto, formatTokens, rtpMaps, cryptos);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        format(sb);
        return sb.toString().trim();
    }

    /** Mutable, single-threaded builder. */
    public static final class Builder {
        private final String media;
        private final int port;
        private final String proto;
        private int portCount;
        private final List<String> formatTokens = new ArrayList<>();
        private Connection connection;
        private final Map<Integer, RtpMap> rtpMaps = new LinkedHashMap<>();
        private final Map<Integer, String> fmtps = new LinkedHashMap<>();
        private Integer ptime;
        private Direction direction;
        private final List<CryptoAttribute> cryptos = new ArrayList<>();
        private final List<String> otherAttributes = new ArrayList<>();
        private final List<String> otherLines = new ArrayList<>();

        private Builder(String media, int port, String proto) {
            this.media = SessionDescription.requireToken(media, "media");
            this.proto = SessionDescription.requireToken(proto, "proto");
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
            this.port = port;
        }

        public Builder portCount(int n) {
            portCount = n;
            return this;
        }

        /** Appends a format token (payload type number or other). */
        public Builder format(String token) {
            formatTokens.add(SessionDescription.requireToken(token, "format"));
            return this;
        }

        /** Appends a payload type to the m-line. */
        public Builder format(int pt) {
            return format(Integer.toString(pt));
        }

        /** Removes all format tokens (the attributes stay). */
        public Builder clearFormats() {
            formatTokens.clear();
            return this;
        }

        /** Appends the payload type to the m-line and adds its rtpmap. */
        public Builder codec(RtpMap map) {
            return format(map.payloadType()).rtpMap(map);
        }

        public Builder rtpMap(RtpMap map) {
            rtpMaps.put(map.payloadType(), map);
            return this;
        }

        public Builder fmtp(int pt, String params) {
            fmtps.put(pt, params.trim());
            return this;
        }

        public Builder ptime(Integer ms) {
            ptime = ms;
            return this;
        }

        /** Media-level direction attribute; null for none. */
        public Builder direction(Direction d) {
            direction = d;
            return this;
        }

        public Builder crypto(CryptoAttribute c) {
            cryptos.add(Objects.requireNonNull(c));
            return this;
        }

        /** Media-level {@code c=} for an IP literal (IP6 when it contains ':'); null to remove. */
        public Builder connectionAddress(String address) {
            connection = address == null ? null : Connection.of(address);
            return this;
        }

        Builder connection(Connection c) {
            connection = c;
            return this;
        }

        /** An attribute verbatim without {@code a=}, e.g. {@code rtcp-mux}. */
        public Builder attribute(String attr) {
            otherAttributes.add(Objects.requireNonNull(attr));
            return this;
        }

        /** An {@code i=}, {@code b=} or {@code k=} line verbatim, e.g. {@code b=AS:64}. */
        public Builder line(String line) {
            if (line.length() < 2 || "ibk".indexOf(line.charAt(0)) < 0 || line.charAt(1) != '=') {
                throw new IllegalArgumentException("media-level line must be i=, b= or k=: " + line);
            }
            otherLines.add(line);
            return this;
        }

        public MediaDescription build() {
            return new MediaDescription(this);
        }
    }
}
