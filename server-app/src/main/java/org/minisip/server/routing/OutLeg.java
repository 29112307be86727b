package org.minisip.server.routing;

import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import org.minisip.server.location.Binding;

/** One outbound INVITE of a call to one registered contact. Guarded by the owning {@link Call}'s monitor. */
final class OutLeg {
    final Call call;
    final Binding binding;
    final ClientTransaction inviteTx;
    /** The {@link Call#stage} this leg belongs to. */
    final int stage;
    /** The extension this leg rings (differs from the dialled number after forwarding or in a hunt). */
    final String extension;
    boolean timedOut;
    /** The leg's dialog; replaced by the one a 2xx arrives on when JAIN-SIP forked a new one. */
    Dialog dialog;
    boolean provisional;
    boolean finished;
    boolean cancelWanted;

    OutLeg(Call call, Binding binding, ClientTransaction inviteTx) {
        this.call = call;
        this.binding = binding;
        this.inviteTx = inviteTx;
        this.stage = call.stage;
        this.extension = call.callee;
        this.dialog = inviteTx.getDialog();
    }
}
