package org.minisip.sip.tls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A TLS server (or client) identity: private key plus certificate chain, loaded from PEM files or generated
 * self-signed. Immutable and thread-safe.
 *
 * <p>Generated certificates: EC P-256 (or RSA 2048) with SHA-256, subject {@code CN=<hostname>}, SAN
 * {@code dNSName=<hostname>} (an IP literal becomes an iPAddress entry), {@code iPAddress=127.0.0.1} and
 * {@code iPAddress=::1}, extended key usage serverAuth + clientAuth, valid from one day ago for 10 years.
 */
public final class TlsMaterial {
    private static final Duration VALIDITY = Duration.ofDays(3652);
    private static final Pattern HOSTNAME = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?");
    private static final Pattern IP_LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private final X509Certificate[] chain;
    private final PrivateKey privateKey;

    private TlsMaterial(X509Certificate[] chain, PrivateKey privateKey) throws GeneralSecurityException {
        if (chain.length == 0) {
            throw new GeneralSecurityException("empty certificate chain");
        }
        checkKeyMatches(privateKey, chain[0]);
        this.chain = chain.clone();
        this.privateKey = privateKey;
    }

    /**
     * Loads the pair if both files exist; generates a self-signed EC certificate for {@code hostname} and
     * writes both files (key with permissions 0600 where the file system is POSIX) if neither exists.
     *
     * @throws IOException              if exactly one of the files exists, or on read/write/PEM errors
     * @throws GeneralSecurityException if the key does not match the certificate or generation fails
     */
    public static TlsMaterial loadOrGenerate(Path certPem, Path keyPem, String hostname)
            throws IOException, GeneralSecurityException {
        boolean haveCert = Files.exists(certPem);
        boolean haveKey = Files.exists(keyPem);
        if (haveCert && haveKey) {
            return loadChecked(certPem, keyPem);
        }
        if (haveCert || haveKey) {
            throw new IOException("TLS " + (haveCert ? "certificate " + certPem : "key " + keyPem)
                    + " exists but " + (haveCert ? "key " + keyPem : "certificate " + certPem)
                    + " does not: supply both files, or remove the one present to generate a new pair");
        }
        TlsMaterial m = generateSelfSigned(hostname);
        m.write(certPem, keyPem);
        return m;
    }

    /**
     * Loads a certificate chain (one or more CERTIFICATE blocks, leaf first) and a private key (PKCS#8
     * {@code PRIVATE KEY}, PKCS#1 {@code RSA PRIVATE KEY} or SEC1 {@code EC PRIVATE KEY}, unencrypted).
     *
     * @throws UncheckedIOException     if a file cannot be read or is not valid PEM
     * @throws IllegalArgumentException if the content is unusable, e.g. the key does not match the certificate
     */
    public static TlsMaterial load(Path certPem, Path keyPem) {
        try {
            return loadChecked(certPem, keyPem);
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static TlsMaterial loadChecked(Path certPem, Path keyPem) throws IOException, GeneralSecurityException {
        List<X509Certificate> certs = Pem.certificates(certPem);
        PrivateKey key = Pem.privateKey(keyPem);
        try {
            return new TlsMaterial(certs.toArray(X509Certificate[]::new), key);
        } catch (GeneralSecurityException e) {
            throw new GeneralSecurityException(keyPem + " does not fit " + certPem + ": " + e.getMessage(), e);
        }
    }

    /** A new EC P-256 self-signed identity for {@code hostname} (a DNS name or IP literal). */
    public static TlsMaterial generateSelfSigned(String hostname) throws GeneralSecurityException {
        return generateSelfSigned(hostname, "EC");
    }

    /**
     * A new self-signed identity.
     *
     * @param keyAlgorithm {@code "EC"} (P-256, SHA256withECDSA) or {@code "RSA"} (2048 bits, SHA256withRSA)
     */
    public static TlsMaterial generateSelfSigned(String hostname, String keyAlgorithm) throws GeneralSecurityException {
        boolean ip = hostname != null && IP_LITERAL.matcher(hostname).matches();
        if (hostname == null || !ip && !HOSTNAME.matcher(hostname).matches()) {
            throw new IllegalArgumentException("not a host name or IP literal: '" + hostname + "'");
        }
        KeyPair kp;
        String sigAlg;
        SecureRandom rnd = new SecureRandom();
        switch (keyAlgorithm.toUpperCase(Locale.ROOT)) {
            case "EC" -> {
                KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
                g.initialize(new ECGenParameterSpec("secp256r1"), rnd);
                kp = g.generateKeyPair();
                sigAlg = "SHA256withECDSA";
            }
            case "RSA" -> {
                KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
                g.initialize(2048, rnd);
                kp = g.generateKeyPair();
                sigAlg = "SHA256withRSA";
            }
            default -> throw new IllegalArgumentException("key algorithm must be EC or RSA: " + keyAlgorithm);
        }
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, hostname).build();
        Instant now = Instant.now();
        try {
            JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(subject, new BigInteger(127, rnd).add(BigInteger.ONE),
                    Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(VALIDITY)), subject, kp.getPublic());
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            int usage = KeyUsage.digitalSignature | (kp.getPrivate().getAlgorithm().equals("RSA") ? KeyUsage.keyEncipherment : 0);
            b.addExtension(Extension.keyUsage, true, new KeyUsage(usage));
            b.addExtension(Extension.extendedKeyUsage, false,
                    new ExtendedKeyUsage(new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
            b.addExtension(Extension.subjectKeyIdentifier, false,
                    new JcaX509ExtensionUtils().createSubjectKeyIdentifier(kp.getPublic()));
            b.addExtension(Extension.subjectAlternativeName, false, sans(hostname, ip));
            X509Certificate cert = new JcaX509CertificateConverter()
                    .getCertificate(b.build(new JcaContentSignerBuilder(sigAlg).build(kp.getPrivate())));
            return new TlsMaterial(new X509Certificate[] {cert}, kp.getPrivate());
        } catch (IOException | OperatorCreationException e) {
            throw new GeneralSecurityException("certificate generation failed: " + e.getMessage(), e);
        }
    }

    private static GeneralNames sans(String hostname, boolean ip) throws IOException {
        Set<String> ips = new LinkedHashSet<>();
        List<GeneralName> names = new ArrayList<>();
        if (ip) {
            ips.add(InetAddress.getByName(hostname).getHostAddress());
        } else {
            names.add(new GeneralName(GeneralName.dNSName, hostname));
        }
        ips.add("127.0.0.1");
        ips.add(InetAddress.getByName("::1").getHostAddress());
        for (String a : ips) {
            names.add(new GeneralName(GeneralName.iPAddress, a));
        }
        return new GeneralNames(names.toArray(GeneralName[]::new));
    }

    /**
     * Writes the chain and the key (PKCS#8) as PEM. The key file is created with permissions 0600 where the
     * file system supports POSIX permissions. Each file is written to a temporary sibling and then moved into
     * place; existing files are replaced. Parent directories are created.
     */
    public void write(Path certPem, Path keyPem) throws IOException {
        StringBuilder certs = new StringBuilder();
        try {
            for (X509Certificate c : chain) {
                certs.append(Pem.encode("CERTIFICATE", c.getEncoded()));
            }
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot encode certificate", e);
        }
        writeFile(keyPem, Pem.encode("PRIVATE KEY", privateKey.getEncoded()), true);
        writeFile(certPem, certs.toString(), false);
    }

    private static void writeFile(Path target, String content, boolean secret) throws IOException {
        Path abs = target.toAbsolutePath();
        Files.createDirectories(abs.getParent());
        Path tmp;
        if (secret && FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            tmp = Files.createTempFile(abs.getParent(), ".tmp-", ".pem",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            tmp = Files.createTempFile(abs.getParent(), ".tmp-", ".pem");
        }
        try {
            Files.writeString(tmp, content, StandardCharsets.US_ASCII);
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The certificate chain, leaf first (a copy). */
    public X509Certificate[] chain() {
        return chain.clone();
    }

    public PrivateKey privateKey() {
        return privateKey;
    }

    /** SHA-256 of the leaf certificate's DER, upper-case hex bytes joined by ':' ({@code "AB:CD:..."}). */
    public String sha256Fingerprint() {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(chain[0].getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(d);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot fingerprint certificate", e);
        }
    }

    /** Key managers presenting this identity, for {@code SSLContext.init}. A fresh array each call. */
    public KeyManager[] keyManagers() {
        try {
            char[] pw = new char[0];
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("minisip", privateKey, pw, chain);
            // PKIX, not the default SunX509: only PKIX answers chooseEngineServerAlias (SSLEngine, used by NIO)
            KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX");
            kmf.init(ks, pw);
            return kmf.getKeyManagers();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build key managers", e);
        }
    }

    private static void checkKeyMatches(PrivateKey key, X509Certificate cert) throws GeneralSecurityException {
        String alg = switch (key.getAlgorithm()) {
            case "EC" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            default -> throw new GeneralSecurityException("unsupported key algorithm " + key.getAlgorithm());
        };
        byte[] probe = "minisip key check".getBytes(StandardCharsets.US_ASCII);
        Signature s = Signature.getInstance(alg);
        s.initSign(key);
        s.update(probe);
        byte[] sig = s.sign();
        Signature v = Signature.getInstance(alg);
        v.initVerify(cert.getPublicKey());
        v.update(probe);
        if (!v.verify(sig)) {
            throw new GeneralSecurityException("private key does not match the certificate's public key");
        }
    }
}
