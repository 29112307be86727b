package org.minisip.server.sip;

import javax.sip.ResponseEvent;

/**
 * Owner of a client transaction the server originates outside calls (e.g. a trunk REGISTER), set as the
 * transaction's application data. Called on SIP threads: implementations hand the work off and return.
 */
public interface ClientCallback {
    void onResponse(ResponseEvent event);

    /** The transaction timed out (RFC 3261 Timer F/B): no answer from the peer. */
    void onTimeout();
}
