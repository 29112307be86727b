package org.minisip.sip.stack;

import gov.nist.core.net.SecurityManagerProvider;
import java.util.Properties;
import javax.net.ssl.KeyManager;
import javax.net.ssl.TrustManager;

/**
 * Hands JAIN-SIP the key and trust managers the application built (from PEM files, pinned certificates...),
 * instead of JAIN-SIP's keystore-file system properties. The managers travel as objects in the stack's
 * configuration properties ({@link SipEndpoint#KEY_MANAGERS_PROPERTY}, {@link SipEndpoint#TRUST_MANAGERS_PROPERTY}).
 */
public final class TlsManagersProvider implements SecurityManagerProvider {
    private KeyManager[] keyManagers;
    private TrustManager[] trustManagers;

    @Override
    public void init(Properties properties) {
        keyManagers = (KeyManager[]) properties.get(SipEndpoint.KEY_MANAGERS_PROPERTY);
        trustManagers = (TrustManager[]) properties.get(SipEndpoint.TRUST_MANAGERS_PROPERTY);
    }

    @Override
    public KeyManager[] getKeyManagers(boolean client) {
        // a client without its own certificate still needs a non-null (empty) array for JAIN-SIP's TLS setup
        return keyManagers != null ? keyManagers : new KeyManager[0];
    }

    @Override
    public TrustManager[] getTrustManagers(boolean client) {
        return trustManagers;
    }
}
