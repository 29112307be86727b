package org.minisip.phone.engine;

import javax.sip.ResponseEvent;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Responses to one in-dialog request (REFER, INFO …) that the server may challenge: provisional responses are
 * ignored; the first 401/407 is answered once by sending a fresh copy of the request with credentials (handled
 * by this same handler); every other final response, including a second challenge, goes to {@link #onFinal}.
 */
abstract class ChallengedOnce implements ResponseHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ChallengedOnce.class);
    private final CallSession call;
    private final String what;
    private boolean challenged;

    /** @param what the request's name for the log, e.g. "REFER" */
    ChallengedOnce(CallSession call, String what) {
        this.call = call;
        this.what = what;
    }

    /** A new copy of the request (new CSeq) to send again with credentials. */
    abstract Request rebuild() throws Exception;

    /** A final response that was not a challenge answered here. */
    abstract void onFinal(Response r);

    @Override
    public final void onResponse(ResponseEvent event) {
        Response r = event.getResponse();
        if (r.getStatusCode() < 200) {
            return;
        }
        if (SipSupport.isChallenge(r) && !challenged) {
            challenged = true;
            try {
                Request again = rebuild();
                call.ctx.sip().addAuthorization(again, r);
                call.sendInDialog(again, this);
                return;
            } catch (Exception e) {
                LOG.warn("call {}: cannot answer {} challenge: {}", call.callId, what, e.toString());
            }
        }
        onFinal(r);
    }
}
