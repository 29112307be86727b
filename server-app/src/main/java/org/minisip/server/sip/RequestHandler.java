package org.minisip.server.sip;

import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;

/** Handles one kind of request outside dialogs (e.g. SUBSCRIBE); runs on SIP threads and must not block. */
@FunctionalInterface
public interface RequestHandler {
    void onRequest(RequestEvent event, ServerTransaction st);
}
