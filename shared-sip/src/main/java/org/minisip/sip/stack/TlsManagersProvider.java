package org.minisip.sip.stack;

import gov.nist.core.net.SecurityManagerProvider;
import java.util.Properties;
import javax.net.ssl.KeyManager;
import javax.net.ssl.TrustManager;
import org.minisip.sip.tls.TrustOptions;

/**
 * Hands JAIN-SIP the key and trust managers the application built (from PEM files, pinned certificates...),
 * instead of JAIN-SIP's keystore-file system properties. The managers come from
 * {@link StackHandoff} under the stack's name.
 */
public final class TlsManagersProvider implements SecurityManagerProvider {
    private KeyManager[] keyManagers;
    private TrustManager[] trustManagers;

    @Override
    public void init(Properties properties) {
        StackHandoff.get(properties.getProperty("javax.sip.STACK_NAME")).ifPresent(o -> {
            keyManagers = o.keyManagers();
            trustManagers = o.trustManagers();
        });
    }

    @Override
    public KeyManager[] getKeyManagers(boolean client) {
        // a client without its own certificate still needs a non-null (empty) array for JAIN-SIP's TLS setup
        return keyManagers != null ? keyManagers : new KeyManager[0];
    }

    /** Our trust managers, or the JVM's default ones (never null: JAIN-SIP silently disables TLS on null). */
    @Override
    public TrustManager[] getTrustManagers(boolean client) {
        return trustManagers != null ? trustManagers : TrustOptions.jvmDefault();
    }
}
