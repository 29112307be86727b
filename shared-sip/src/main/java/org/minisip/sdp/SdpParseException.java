package org.minisip.sdp;

/** An SDP body that is not well-formed RFC 4566 or exceeds {@link SessionDescription#MAX_LENGTH}. */
public final class SdpParseException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int line;

    /** @param line 1-based line number of the offending line, 0 if not line-specific */
    public SdpParseException(int line, String message) {
        super(line > 0 ? "SDP line " + line + ": " + message : "SDP: " + message);
        this.line = line;
    }

    /** 1-based line number of the offending line, 0 if the error is not tied to one line. */
    public int line() {
        return line;
    }
}
