package org.minisip.server.sip;

import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;

/**
 * Owner of a dialog the server started outside the B2BUA (e.g. a call-back leg), set as the dialog's application
 * data; receives the in-dialog requests (BYE, keep-alives) on SIP threads and must answer them without blocking.
 */
public interface InDialogHandler {
    void onRequest(RequestEvent event, ServerTransaction st);
}
