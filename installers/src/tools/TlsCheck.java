import java.io.FileInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/** Build-time check that a jlinked runtime can do TLS 1.3 and 1.2 with an EC key: java TlsCheck KEYSTORE.p12 PASSWORD */
public class TlsCheck {
    public static void main(String[] args) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(args[0])) { ks.load(in, args[1].toCharArray()); }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, args[1].toCharArray());
        TrustManager trustAll = new X509TrustManager() {
            public void checkClientTrusted(X509Certificate[] c, String a) { }
            public void checkServerTrusted(X509Certificate[] c, String a) { }
            public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
        };
        for (String proto : new String[] {"TLSv1.3", "TLSv1.2"}) {
            SSLContext server = SSLContext.getInstance(proto);
            server.init(kmf.getKeyManagers(), null, null);
            SSLContext client = SSLContext.getInstance(proto);
            client.init(null, new TrustManager[] {trustAll}, null);
            try (SSLServerSocket ss = (SSLServerSocket) server.getServerSocketFactory().createServerSocket(0)) {
                ss.setEnabledProtocols(new String[] {proto});
                Thread t = new Thread(() -> {
                    try (SSLSocket s = (SSLSocket) ss.accept(); OutputStream o = s.getOutputStream()) {
                        o.write(s.getInputStream().read()); o.flush();
                    } catch (Exception e) { e.printStackTrace(); }
                });
                t.start();
                try (SSLSocket c = (SSLSocket) client.getSocketFactory().createSocket("127.0.0.1", ss.getLocalPort())) {
                    c.setEnabledProtocols(new String[] {proto});
                    c.getOutputStream().write(42); c.getOutputStream().flush();
                    if (c.getInputStream().read() != 42) throw new IllegalStateException("echo failed");
                    System.out.println("tls-check ok " + c.getSession().getProtocol() + " " + c.getSession().getCipherSuite());
                }
                t.join();
            }
        }
    }
}
