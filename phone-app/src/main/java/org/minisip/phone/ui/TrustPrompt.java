package org.minisip.phone.ui;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.function.Consumer;
import javax.swing.JFrame;
import javax.swing.SwingUtilities;
import org.minisip.phone.config.Settings.Account;

/**
 * The "server certificate not trusted" flow: shows {@link TrustDialog} for the certificate the TLS handshake
 * refused, then trusts it for this run, pins it (on the worker thread) or loads a CA file, and retries the
 * account once that is done; cancelling leaves the account failed. One prompt at a time. EDT only.
 */
final class TrustPrompt {
    private final Messages msg;
    private final UiServices s;
    private final Consumer<String> error;
    private boolean open;

    TrustPrompt(Messages msg, UiServices s, Consumer<String> error) {
        this.msg = msg;
        this.s = s;
        this.error = error;
    }

    /** True while the dialog is showing (further refusals then wait for its answer). */
    boolean isOpen() {
        return open;
    }

    /** Asks about {@code cert} for account {@code a}; {@code retry} applies the account again once trusted. */
    void ask(JFrame owner, Account a, X509Certificate cert, Runnable retry) {
        open = true;
        TrustDialog.Answer ans;
        try {
            ans = TrustDialog.ask(owner, msg, a.server(), cert);
        } finally {
            open = false;
        }
        switch (ans.choice()) {
            case ONCE -> {
                s.trust().trustOnce(cert);
                retry.run();
            }
            case ALWAYS -> s.worker().execute(() -> {
                try {
                    s.trust().pin(cert);
                    SwingUtilities.invokeLater(retry);
                } catch (Exception e) {
                    error.accept(msg.get("trust.error", e.getMessage()));
                }
            });
            case LOAD_CA -> s.worker().execute(() -> {
                try {
                    s.trust().addCaFile(ans.caFile());
                    SwingUtilities.invokeLater(retry);
                } catch (IOException e) {
                    error.accept(msg.get("trust.error", e.getMessage()));
                }
            });
            default -> {
            }
        }
    }
}
