package org.minisip.server.routing;

import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import org.minisip.server.location.Binding;
import org.minisip.server.trunk.OutboundTarget;

/**
 * One outbound INVITE of a call: to one registered contact ({@code binding}) or to a trunk ({@code trunk}). Guarded
 * by the owning {@link Call}'s monitor.
 */
final class OutLeg {
    final Call call;
    final Binding binding;
    final OutboundTarget trunk;
    /** Replaced when the INVITE is sent again with credentials for a trunk's challenge. */
    ClientTransaction inviteTx;
    int authAttempts;
    /** The {@link Call#stage} this leg belongs to. */
    final int stage;
    /** The extension this leg rings (differs from the dialled number after forwarding or in a hunt). */
    final String extension;
    boolean timedOut;
    /** The leg was offered the server's SDP (anchored media) instead of the caller's. */
    boolean anchored;
    /** The leg's dialog; replaced by the one a 2xx arrives on when JAIN-SIP forked a new one. */
    Dialog dialog;
    boolean provisional;
    boolean finished;
    boolean cancelWanted;

    OutLeg(Call call, Binding binding, ClientTransaction inviteTx) {
        this(call, binding, null, inviteTx);
    }

    OutLeg(Call call, OutboundTarget trunk, ClientTransaction inviteTx) {
        this(call, null, trunk, inviteTx);
    }

    private OutLeg(Call call, Binding binding, OutboundTarget trunk, ClientTransaction inviteTx) {
        this.call = call;
        this.binding = binding;
        this.trunk = trunk;
        this.inviteTx = inviteTx;
        this.stage = call.stage;
        this.extension = call.callee;
        this.dialog = inviteTx.getDialog();
    }

    /** Where this leg goes, for logs. */
    String target() {
        return binding != null ? binding.contactUri() : "trunk " + trunk.trunk().name() + " " + trunk.number();
    }
}
