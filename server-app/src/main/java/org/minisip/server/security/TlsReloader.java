package org.minisip.server.security;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import org.minisip.sip.tls.TlsMaterial;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's TLS identity from {@code tls/server.crt} + {@code tls/server.key}, replaceable without a restart:
 * {@link #check()} (run periodically off the SIP threads) reloads the pair when either file changed, and every
 * later handshake presents the new certificate; connections already up keep theirs. A pair that does not load
 * (half-copied, key not matching) is logged and the current identity stays until the files change again.
 */
public final class TlsReloader {
    private static final Logger LOG = LoggerFactory.getLogger(TlsReloader.class);
    private final Path cert;
    private final Path key;
    private final AtomicReference<X509ExtendedKeyManager> current = new AtomicReference<>();
    private String stamp;

    public TlsReloader(Path cert, Path key, TlsMaterial initial) {
        this.cert = cert;
        this.key = key;
        this.current.set(managerOf(initial));
        this.stamp = stamp();
    }

    /** The key manager to give the SIP stack: delegates to whatever identity is current. */
    public KeyManager[] keyManagers() {
        return new KeyManager[] {new Delegating()};
    }

    /** Reloads when the files changed since the last load; returns true when a new identity was installed. */
    public synchronized boolean check() {
        String now = stamp();
        if (Objects.equals(now, stamp)) {
            return false;
        }
        try {
            TlsMaterial m = TlsMaterial.load(cert, key);
            current.set(managerOf(m));
            stamp = now;
            LOG.warn("TLS certificate reloaded from {}: {} (SHA-256 {})", cert,
                    m.chain()[0].getSubjectX500Principal().getName(), m.sha256Fingerprint());
            return true;
        } catch (RuntimeException e) {
            stamp = now;   // retried when the files change again
            LOG.error("TLS certificate not reloaded, keeping the current one: {}", e.getMessage());
            return false;
        }
    }

    private String stamp() {
        try {
            BasicFileAttributes c = Files.readAttributes(cert, BasicFileAttributes.class);
            BasicFileAttributes k = Files.readAttributes(key, BasicFileAttributes.class);
            return c.lastModifiedTime() + "/" + c.size() + "/" + c.fileKey() + "|" + k.lastModifiedTime() + "/"
                    + k.size() + "/" + k.fileKey();
        } catch (IOException e) {
            return "missing";
        }
    }

    private static X509ExtendedKeyManager managerOf(TlsMaterial m) {
        for (KeyManager km : m.keyManagers()) {
            if (km instanceof X509ExtendedKeyManager x) {
                return x;
            }
        }
        throw new IllegalStateException("no X509 key manager");
    }

    /** Delegates every call to the current identity's key manager. */
    private final class Delegating extends X509ExtendedKeyManager {
        private X509ExtendedKeyManager d() {
            return current.get();
        }

        @Override public String[] getClientAliases(String t, Principal[] i) { return d().getClientAliases(t, i); }
        @Override public String chooseClientAlias(String[] t, Principal[] i, Socket s) { return d().chooseClientAlias(t, i, s); }
        @Override public String[] getServerAliases(String t, Principal[] i) { return d().getServerAliases(t, i); }
        @Override public String chooseServerAlias(String t, Principal[] i, Socket s) { return d().chooseServerAlias(t, i, s); }
        @Override public X509Certificate[] getCertificateChain(String alias) { return d().getCertificateChain(alias); }
        @Override public PrivateKey getPrivateKey(String alias) { return d().getPrivateKey(alias); }
        @Override public String chooseEngineClientAlias(String[] t, Principal[] i, SSLEngine e) { return d().chooseEngineClientAlias(t, i, e); }
        @Override public String chooseEngineServerAlias(String t, Principal[] i, SSLEngine e) { return d().chooseEngineServerAlias(t, i, e); }
    }
}
