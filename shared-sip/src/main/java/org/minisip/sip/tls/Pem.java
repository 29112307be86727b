package org.minisip.sip.tls;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Null;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * PEM reading and writing with Bouncy Castle's parser; JCA objects come from the JDK providers. Reads at most
 * {@link #MAX_FILE_BYTES} bytes and {@link #MAX_CERTS} certificates per file. Stateless and thread-safe.
 */
final class Pem {
    static final int MAX_FILE_BYTES = 1 << 20;
    static final int MAX_CERTS = 16;

    private Pem() {
    }

    static String read(Path file) throws IOException {
        long size = Files.size(file);
        if (size > MAX_FILE_BYTES) {
            throw new IOException(file + " is larger than " + MAX_FILE_BYTES + " bytes; not a PEM file?");
        }
        return Files.readString(file, StandardCharsets.US_ASCII);
    }

    /** All CERTIFICATE blocks of {@code file}, in order; other blocks are skipped. */
    static List<X509Certificate> certificates(Path file) throws IOException, CertificateException {
        List<X509Certificate> out = new ArrayList<>();
        JcaX509CertificateConverter conv = new JcaX509CertificateConverter();
        try (PEMParser p = new PEMParser(new StringReader(read(file)))) {
            Object o;
            while ((o = readObject(p, file)) != null) {
                if (o instanceof X509CertificateHolder h) {
                    if (out.size() == MAX_CERTS) {
                        throw new CertificateException(file + " holds more than " + MAX_CERTS + " certificates");
                    }
                    out.add(conv.getCertificate(h));
                }
            }
        }
        if (out.isEmpty()) {
            throw new CertificateException("no CERTIFICATE block in " + file);
        }
        return out;
    }

    /** The first private key of {@code file}: PKCS#8, PKCS#1 RSA or SEC1 EC; encrypted keys are refused. */
    static PrivateKey privateKey(Path file) throws IOException {
        JcaPEMKeyConverter conv = new JcaPEMKeyConverter();
        try (PEMParser p = new PEMParser(new StringReader(read(file)))) {
            Object o;
            ASN1ObjectIdentifier curve = null;
            while ((o = readObject(p, file)) != null) {
                if (o instanceof ASN1ObjectIdentifier oid) {
                    curve = oid; // an "EC PARAMETERS" block naming the curve, as openssl ecparam writes it
                }
                if (o instanceof PrivateKeyInfo info) {
                    return conv.getPrivateKey(info);
                }
                if (o instanceof PEMKeyPair kp) {
                    // SEC1 keys may omit the public key, so convert only the private part
                    PrivateKeyInfo info = kp.getPrivateKeyInfo();
                    ASN1Encodable params = info.getPrivateKeyAlgorithm().getParameters();
                    if (curve != null && (params == null || params instanceof ASN1Null)
                            && X9ObjectIdentifiers.id_ecPublicKey.equals(info.getPrivateKeyAlgorithm().getAlgorithm())) {
                        info = new PrivateKeyInfo(new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, curve),
                                info.parsePrivateKey());
                    }
                    return conv.getPrivateKey(info);
                }
                if (o instanceof PKCS8EncryptedPrivateKeyInfo || o instanceof PEMEncryptedKeyPair) {
                    throw new IOException(file + " holds an encrypted private key; supply it unencrypted");
                }
            }
        }
        throw new IOException("no PRIVATE KEY block (PKCS#8, RSA or EC) in " + file);
    }

    private static Object readObject(PEMParser p, Path file) throws IOException {
        try {
            return p.readObject();
        } catch (IOException | RuntimeException e) {
            throw new IOException("malformed PEM in " + file + ": " + e.getMessage(), e);
        }
    }

    /** One PEM block with 64-character lines and LF line ends. */
    static String encode(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
