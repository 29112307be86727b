package org.minisip.sip.tls;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Base for a client's trust manager that adds its own server check ({@link #checkServerTrusted(X509Certificate[],
 * String)}) in front of, or after, a wrapped one: the socket and engine variants run that same check, and client
 * checks and accepted issuers are the wrapped manager's.
 */
public abstract class ServerCheckingTrustManager extends X509ExtendedTrustManager {
    protected final X509TrustManager delegate;

    protected ServerCheckingTrustManager(X509TrustManager delegate) {
        this.delegate = delegate;
    }

    @Override
    public final void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        checkServerTrusted(chain, authType);
    }

    @Override
    public final void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        checkServerTrusted(chain, authType);
    }

    @Override
    public final void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        delegate.checkClientTrusted(chain, authType);
    }

    @Override
    public final void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        delegate.checkClientTrusted(chain, authType);
    }

    @Override
    public final void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        delegate.checkClientTrusted(chain, authType);
    }

    @Override
    public final X509Certificate[] getAcceptedIssuers() {
        return delegate.getAcceptedIssuers();
    }
}
