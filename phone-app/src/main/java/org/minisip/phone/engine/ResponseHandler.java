package org.minisip.phone.engine;

import javax.sip.ResponseEvent;

/**
 * What to do with the responses to one client transaction. Stored as the transaction's application data by
 * {@link SipSupport#send}; every method runs on the engine thread.
 */
interface ResponseHandler {

    /** A provisional or final response. */
    void onResponse(ResponseEvent event);

    /** The transaction timed out (Timer B/F) without a final response. */
    void onTimeout();

    /** The request could not be sent (connection refused, TLS failure...). */
    void onTransportError(String message);
}
