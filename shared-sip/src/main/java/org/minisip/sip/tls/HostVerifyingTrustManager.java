package org.minisip.sip.tls;

import java.net.InetAddress;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.net.ssl.X509TrustManager;

/**
 * Checks that the server certificate names the host we meant to reach (RFC 5922 §7.2: subjectAltName dNSName or
 * iPAddress; a left-most "*" label matches one label), after the wrapped trust manager validated the chain.
 * Needed because the SIP stack's TLS engines carry no peer host, so the JDK's endpoint identification never runs.
 * A server certificate that is itself one of the pinned certificates passes without the name check: pinning
 * already identifies the server exactly (a self-signed server reached by a LAN address it does not list).
 */
final class HostVerifyingTrustManager extends ServerCheckingTrustManager {
    private static final int SAN_DNS = 2;
    private static final int SAN_IP = 7;
    private final String host;
    private final Set<X509Certificate> pinned;

    HostVerifyingTrustManager(X509TrustManager delegate, String host, Set<X509Certificate> pinned) {
        super(delegate);
        this.host = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        this.pinned = pinned;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        delegate.checkServerTrusted(chain, authType);
        if (!pinned.contains(chain[0]) && !matches(chain[0], host)) {
            throw new CertificateException("server certificate does not name " + host);
        }
    }

    /** True when {@code cert}'s subjectAltNames (or, without any dNSName, its CN) name {@code host}. */
    static boolean matches(X509Certificate cert, String host) throws CertificateParsingException {
        boolean ip = isIpLiteral(host);
        Collection<List<?>> sans = cert.getSubjectAlternativeNames();
        boolean anyDns = false;
        if (sans != null) {
            for (List<?> san : sans) {
                int type = (Integer) san.get(0);
                String value = String.valueOf(san.get(1));
                if (type == SAN_IP && ip && sameAddress(value, host)) {
                    return true;
                }
                if (type == SAN_DNS) {
                    anyDns = true;
                    if (!ip && dnsMatches(value, host)) {
                        return true;
                    }
                }
            }
        }
        if (!ip && !anyDns) {
            String dn = cert.getSubjectX500Principal().getName();
            for (String rdn : dn.split(",")) {
                if (rdn.startsWith("CN=") && dnsMatches(rdn.substring(3), host)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isIpLiteral(String h) {
        return h.matches("[0-9.]+") || h.contains(":");
    }

    private static boolean sameAddress(String a, String b) {
        try {
            return InetAddress.getByName(a).equals(InetAddress.getByName(b));
        } catch (Exception e) {
            return false;
        }
    }

    private static boolean dnsMatches(String pattern, String host) {
        String p = pattern.toLowerCase(Locale.ROOT);
        String h = host.toLowerCase(Locale.ROOT);
        if (p.startsWith("*.")) {
            int dot = h.indexOf('.');
            return dot > 0 && h.substring(dot).equals(p.substring(1));
        }
        return p.equals(h);
    }
}
