package org.minisip.sdp;

/** An SDP answer that does not fit the offer it answers (RFC 3264 §6) or the local requirements. */
public final class OfferAnswerException extends Exception {
    private static final long serialVersionUID = 1L;

    public OfferAnswerException(String message) {
        super(message);
    }
}
