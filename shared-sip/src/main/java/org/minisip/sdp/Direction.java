package org.minisip.sdp;

import java.util.Locale;
import java.util.Optional;

/** Media direction attributes of RFC 4566 §6 / RFC 3264 §5.1, seen from the side that writes them. */
public enum Direction {
    SENDRECV(true, true),
    SENDONLY(true, false),
    RECVONLY(false, true),
    INACTIVE(false, false);

    private final boolean send;
    private final boolean receive;

    Direction(boolean send, boolean receive) {
        this.send = send;
        this.receive = receive;
    }

    /** The attribute name, e.g. {@code "sendonly"}. */
    public String attribute() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The direction the peer has to use: sendonly and recvonly swap, the others stay (RFC 3264 §6.1). */
    public Direction reverse() {
        return of(receive, send);
    }

    /** Whether this side sends media. */
    public boolean canSend() {
        return send;
    }

    /** Whether this side receives media. */
    public boolean canReceive() {
        return receive;
    }

    /** What both allow: sending only if both send, receiving only if both receive. */
    public Direction intersect(Direction other) {
        return of(send && other.send, receive && other.receive);
    }

    /** The direction with the given capabilities. */
    public static Direction of(boolean send, boolean receive) {
        return send ? (receive ? SENDRECV : SENDONLY) : (receive ? RECVONLY : INACTIVE);
    }

    /** The direction named by an attribute (case-insensitive), or empty. */
    public static Optional<Direction> fromAttribute(String attribute) {
        for (Direction d : values()) {
            if (d.attribute().equalsIgnoreCase(attribute)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }
}
