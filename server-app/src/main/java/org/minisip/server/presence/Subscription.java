package org.minisip.server.presence;

import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import javax.sip.Dialog;
import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import org.minisip.server.sip.InDialogHandler;

/**
 * One accepted subscription (RFC 6665 §4.2): its SIP dialog, package, watched extension and expiry. Set as the
 * dialog's application data, so refreshing SUBSCRIBEs find it. Fields change only on the presence thread.
 */
final class Subscription implements InDialogHandler {
    final Presence owner;
    final Dialog dialog;
    final EventPackage pkg;
    /** The Event header value as the subscriber sent it (with any {@code id} parameter), echoed in NOTIFYs. */
    final String event;
    final String target;
    final String subscriber;
    /** Host part for URIs in bodies: the domain, else the server's address facing the subscriber. */
    final String host;
    Instant expiresAt;
    ScheduledFuture<?> expiry;
    long version;
    boolean terminated;

    Subscription(Presence owner, Dialog dialog, EventPackage pkg, String event, String target, String subscriber,
                 String host) {
        this.owner = owner;
        this.dialog = dialog;
        this.pkg = pkg;
        this.event = event;
        this.target = target;
        this.subscriber = subscriber;
        this.host = host;
    }

    String targetUri() {
        return "sip:" + target + "@" + host;
    }

    /** A request inside the subscription's dialog (SIP thread): a refresh or an unsubscribe. */
    @Override
    public void onRequest(RequestEvent event, ServerTransaction st) {
        owner.inDialog(this, event, st);
    }
}
