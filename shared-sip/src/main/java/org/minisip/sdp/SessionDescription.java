package org.minisip.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An RFC 4566 session description (SDP body) as used by SIP offer/answer (RFC 3264).
 *
 * <p>Holds {@code v=0}, the origin ({@code o=}), session name ({@code s=}), the session-level connection
 * ({@code c=}), timing ({@code t=}/{@code r=}), session-level attributes and the media sections. Other
 * session-level lines ({@code i= u= e= p= b= z= k=}) are kept verbatim. {@link #format()} writes the RFC 4566
 * §5 line order with CRLF line ends. Immutable and thread-safe; build or modify with {@link Builder}.
 */
public final class SessionDescription {
    /** Largest SDP body {@link #parse} accepts, in characters. */
    public static final int MAX_LENGTH = 16 * 1024;

    private static final String SESSION_LINE_ORDER = "iuepbzk";

    private final String originUsername;
    private final String sessId;
    private final String sessVersion;
    private final Connection originAddress;
    private final String sessionName;
    private final Connection connection;
    private final List<String> timing;
    private final Direction direction;
    private final List<String> attributes;
    private final List<String> otherLines;
    private final List<MediaDescription> media;

    private SessionDescription(Builder b) {
        originUsername = b.originUsername;
        sessId = b.sessId;
        sessVersion = b.sessVersion;
        originAddress = Objects.requireNonNull(b.originAddress, "origin address");
        sessionName = b.sessionName;
        connection = b.connection;
        timing = b.timing.isEmpty() ? List.of("t=0 0") : List.copyOf(b.timing);
        direction = b.direction;
        attributes = List.copyOf(b.attributes);
        otherLines = List.copyOf(b.otherLines);
        media = List.copyOf(b.media);
    }

    /**
     * Parses an SDP body. Accepts CRLF or bare LF line ends and ignores empty lines.
     *
     * @throws SdpParseException if the body is null, longer than {@link #MAX_LENGTH}, lacks {@code v=0},
     *                           {@code o=} or {@code s=}, or has a malformed line; the message names the line
     */
    public static SessionDescription parse(String sdp) throws SdpParseException {
        return SdpParser.parse(sdp);
    }

    /** The SDP text, lines ended by CRLF. */
    public String format() {
        StringBuilder sb = new StringBuilder(512);
        sb.append("v=0\r\n");
        sb.append("o=").append(originUsername).append(' ').append(sessId).append(' ').append(sessVersion)
                .append(' ').append(originAddress.format()).append("\r\n");
        sb.append("s=").append(sessionName).append("\r\n");
        for (char t : new char[] {'i', 'u', 'e', 'p'}) {
            appendLines(sb, otherLines, t);
        }
        if (connection != null) {
            sb.append("c=").append(connection.format()).append("\r\n");
        }
        appendLines(sb, otherLines, 'b');
        for (String t : timing) {
            sb.append(t).append("\r\n");
        }
        appendLines(sb, otherLines, 'z');
        appendLines(sb, otherLines, 'k');
        for (String a : attributes) {
            sb.append("a=").append(a).append("\r\n");
        }
        if (direction != null) {
            sb.append("a=").append(direction.attribute()).append("\r\n");
        }
        for (MediaDescription m : media) {
            m.format(sb);
        }
        return sb.toString();
    }

    static void appendLines(StringBuilder sb, List<String> lines, char type) {
        for (String l : lines) {
            if (l.charAt(0) == type) {
                sb.append(l).append("\r\n");
            }
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder initialised with this description's content. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.originUsername = originUsername;
        b.sessId = sessId;
        b.sessVersion = sessVersion;
        b.originAddress = originAddress;
        b.sessionName = sessionName;
        b.connection = connection;
        b.timing.addAll(timing);
        b.direction = direction;
        b.attributes.addAll(attributes);
        b.otherLines.addAll(otherLines);
        b.media.addAll(media);
        return b;
    }

    /** {@code o=} user name, {@code -} when none. */
    public String originUsername() {
        return originUsername;
    }

    /** {@code o=} sess-id as written (a decimal number, possibly beyond 64 bits). */
    public String sessId() {
        return sessId;
    }

    /** {@code o=} sess-version as written; RFC 3264 §8 increments it with every changed offer/answer. */
    public String sessVersion() {
        return sessVersion;
    }

    /** {@code o=} unicast address. */
    public String originAddress() {
        return originAddress.address();
    }

    /** {@code o=} address type, {@code IP4} or {@code IP6}. */
    public String originAddressType() {
        return originAddress.addrType();
    }

    /** {@code s=} text. */
    public String sessionName() {
        return sessionName;
    }

    /** Session-level {@code c=} address (without TTL), or null. */
    public String connectionAddress() {
        return connection == null ? null : connection.address();
    }

    /** Session-level {@code c=} address type, or null. */
    public String connectionAddressType() {
        return connection == null ? null : connection.addrType();
    }

    Connection connection() {
        return connection;
    }

    /** {@code t=} and {@code r=} lines verbatim, in order. */
    public List<String> timing() {
        return timing;
    }

    /** Session-level direction attribute, or null. */
    public Direction direction() {
        return direction;
    }

    /** Other session-level attributes verbatim, without {@code a=}. */
    public List<String> attributes() {
        return attributes;
    }

    /** Other session-level lines verbatim with their type ({@code i= u= e= p= b= z= k=}). */
    public List<String> otherLines() {
        return otherLines;
    }

    /** The media sections, in order. */
    public List<MediaDescription> media() {
        return media;
    }

    /** The effective direction of {@code m}: its own attribute, else the session-level one, else sendrecv. */
    public Direction directionOf(MediaDescription m) {
        if (m.declaredDirection() != null) {
            return m.declaredDirection();
        }
        return direction != null ? direction : Direction.SENDRECV;
    }

    /** The connection address for {@code m}: media-level {@code c=}, else session-level, else null. */
    public String connectionAddressOf(MediaDescription m) {
        Connection c = connectionOf(m);
        return c == null ? null : c.address();
    }

    Connection connectionOf(MediaDescription m) {
        return m.connection() != null ? m.connection() : connection;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SessionDescription s && format().equals(s.format());
    }

    @Override
    public int hashCode() {
        return format().hashCode();
    }

    @Override
    public String toString() {
        return format();
    }

    static String requireToken(String s, String what) {
        Objects.requireNonNull(s, what);
        if (s.isEmpty() || s.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
            throw new IllegalArgumentException("bad " + what + " '" + s + "'");
        }
        return s;
    }

    /** Mutable, single-threaded builder. Defaults: {@code o=- 0 0 IN IP4 0.0.0.0}, {@code s=-}, {@code t=0 0}. */
    public static final class Builder {
        private String originUsername = "-";
        private String sessId = "0";
        private String sessVersion = "0";
        private Connection originAddress = Connection.of("0.0.0.0");
        private String sessionName = "-";
        private Connection connection;
        private final List<String> timing = new ArrayList<>();
        private Direction direction;
        private final List<String> attributes = new ArrayList<>();
        private final List<String> otherLines = new ArrayList<>();
        private final List<MediaDescription> media = new ArrayList<>();

        private Builder() {
        }

        /** Sets {@code o=<username> <sessId> <sessVersion> IN IP4|IP6 <address>}. */
        public Builder origin(String username, String sessId, String sessVersion, String address) {
            this.originUsername = requireToken(username, "origin username");
            this.sessId = requireToken(sessId, "sess-id");
            this.sessVersion = requireToken(sessVersion, "sess-version");
            this.originAddress = Connection.of(requireToken(address, "origin address"));
            return this;
        }

        /** Numeric form of {@link #origin(String, String, String, String)}; negative values are unsigned. */
        public Builder origin(String username, long sessId, long sessVersion, String address) {
            return origin(username, Long.toUnsignedString(sessId), Long.toUnsignedString(sessVersion), address);
        }

        Builder origin(String username, String sessId, String sessVersion, Connection address) {
            this.originUsername = username;
            this.sessId = sessId;
            this.sessVersion = sessVersion;
            this.originAddress = address;
            return this;
        }

        public Builder sessionName(String name) {
            Objects.requireNonNull(name, "name");
            if (name.indexOf('\r') >= 0 || name.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("line break in session name");
            }
            sessionName = name;
            return this;
        }

        /** Session-level {@code c=} for an IP literal (IP6 when it contains ':'); null to remove. */
        public Builder connectionAddress(String address) {
            connection = address == null ? null : Connection.of(address);
            return this;
        }

        Builder connection(Connection c) {
            connection = c;
            return this;
        }

        /** Adds a {@code t=} or {@code r=} line verbatim; when none is added {@code t=0 0} is written. */
        public Builder timing(String line) {
            if (!line.startsWith("t=") && !line.startsWith("r=")) {
                throw new IllegalArgumentException("timing line must be t= or r=: " + line);
            }
            timing.add(line);
            return this;
        }

        /** Session-level direction attribute; null for none. */
        public Builder direction(Direction d) {
            direction = d;
            return this;
        }

        /** Session-level attribute verbatim without {@code a=}. */
        public Builder attribute(String attr) {
            attributes.add(Objects.requireNonNull(attr));
            return this;
        }

        /** Another session-level line verbatim ({@code i= u= e= p= b= z= k=}). */
        public Builder line(String line) {
            if (line.length() < 2 || SESSION_LINE_ORDER.indexOf(line.charAt(0)) < 0 || line.charAt(1) != '=') {
                throw new IllegalArgumentException("session-level line must be one of i u e p b z k: " + line);
            }
            otherLines.add(line);
            return this;
        }

        public Builder addMedia(MediaDescription m) {
            media.add(Objects.requireNonNull(m));
            return this;
        }

        /** Replaces media section {@code index}. */
        public Builder setMedia(int index, MediaDescription m) {
            media.set(index, Objects.requireNonNull(m));
            return this;
        }

        public Builder clearMedia() {
            media.clear();
            return this;
        }

        public SessionDescription build() {
            return new SessionDescription(this);
        }
    }
}
