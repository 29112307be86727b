package org.minisip.sip.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class DigestClientTest {

    /** RFC 2617 §3.5. */
    @Test
    void rfc2617Example() {
        DigestClient client = new DigestClient("Mufasa", "Circle Of Life", () -> "0a4f113b");
        String auth = client.answer("Digest realm=\"testrealm@host.com\", qop=\"auth,auth-int\", "
                        + "nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"",
                "GET", "/dir/index.html");
        DigestParams p = DigestParams.parse(auth);
        assertThat(p.get("response")).isEqualTo("6629fae49393a05397450978507c4ef1");
        assertThat(p.get("username")).isEqualTo("Mufasa");
        assertThat(p.get("realm")).isEqualTo("testrealm@host.com");
        assertThat(p.get("uri")).isEqualTo("/dir/index.html");
        assertThat(p.get("qop")).isEqualTo("auth");
        assertThat(p.get("nc")).isEqualTo("00000001");
        assertThat(p.get("cnonce")).isEqualTo("0a4f113b");
        assertThat(p.get("opaque")).isEqualTo("5ccc069c403ebaf9f0171e9517f40e41");
        assertThat(auth).contains("qop=auth,").contains("nc=00000001");
    }

    private static final String RFC7616_CHALLENGE_TAIL = "realm=\"http-auth@example.org\",\r\n"
            + "    qop=\"auth, auth-int\",\r\n"
            + "    nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\",\r\n"
            + "    opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\"";

    private static DigestClient rfc7616Client() {
        return new DigestClient("Mufasa", "Circle of Life", () -> "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ");
    }

    /** RFC 7616 §3.9.1, MD5 challenge. */
    @Test
    void rfc7616Md5Example() {
        String auth = rfc7616Client().answer("Digest algorithm=MD5,\r\n    " + RFC7616_CHALLENGE_TAIL,
                "GET", "/dir/index.html");
        DigestParams p = DigestParams.parse(auth);
        assertThat(p.get("response")).isEqualTo("8ca523f5e9506fed4657c9700eebdbec");
        assertThat(p.get("algorithm")).isEqualTo("MD5");
        assertThat(p.get("opaque")).isEqualTo("FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS");
    }

    /** RFC 7616 §3.9.1, SHA-256 challenge. */
    @Test
    void rfc7616Sha256Example() {
        String auth = rfc7616Client().answer("Digest\r\n    algorithm=SHA-256,\r\n    " + RFC7616_CHALLENGE_TAIL,
                "GET", "/dir/index.html");
        DigestParams p = DigestParams.parse(auth);
        assertThat(p.get("response"))
                .isEqualTo("753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1");
        assertThat(p.get("algorithm")).isEqualTo("SHA-256");
    }

    @Test
    void nonceCountIncrementsPerNonceAndCnonceIsRandom() {
        DigestClient client = new DigestClient("alice", "pw", new SecureRandom());
        String a = "Digest realm=\"r\", nonce=\"n1\", qop=\"auth\"";
        String b = "Digest realm=\"r\", nonce=\"n2\", qop=\"auth\"";
        DigestParams p1 = DigestParams.parse(client.answer(a, "REGISTER", "sip:r"));
        DigestParams p2 = DigestParams.parse(client.answer(a, "REGISTER", "sip:r"));
        DigestParams p3 = DigestParams.parse(client.answer(b, "REGISTER", "sip:r"));
        assertThat(p1.get("nc")).isEqualTo("00000001");
        assertThat(p2.get("nc")).isEqualTo("00000002");
        assertThat(p3.get("nc")).isEqualTo("00000001");
        assertThat(p1.get("cnonce")).hasSize(32).isNotEqualTo(p2.get("cnonce"));
    }

    @Test
    void rfc2069StyleWithoutQop() {
        DigestClient client = new DigestClient("Mufasa", "Circle Of Life", new SecureRandom());
        String auth = client.answer("Digest realm=\"testrealm@host.com\", "
                + "nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\"", "GET", "/dir/index.html");
        DigestParams p = DigestParams.parse(auth);
        assertThat(p.get("qop")).isNull();
        assertThat(p.get("nc")).isNull();
        assertThat(p.get("cnonce")).isNull();
        assertThat(p.get("opaque")).isNull();
        // H(H(A1):nonce:H(A2)) per RFC 2069
        DigestAlgorithm md5 = DigestAlgorithm.MD5;
        String expected = md5.hex(md5.hex("Mufasa:testrealm@host.com:Circle Of Life")
                + ":dcd98b7102dd2f0e8b11d0f600bfb0c093:" + md5.hex("GET:/dir/index.html"));
        assertThat(p.get("response")).isEqualTo(expected);
    }

    @Test
    void userhashSendsHashedUsername() {
        DigestClient client = new DigestClient("Mufasa", "pw", new SecureRandom());
        DigestParams p = DigestParams.parse(client.answer(
                "Digest realm=\"r\", nonce=\"n\", qop=\"auth\", algorithm=SHA-256, userhash=true", "INVITE", "sip:b@r"));
        assertThat(p.get("username")).isEqualTo(DigestAlgorithm.SHA_256.hex("Mufasa:r"));
        assertThat(p.get("userhash")).isEqualTo("true");
    }

    @Test
    void escapesQuotesInUsername() {
        DigestClient client = new DigestClient("a\"b", "pw", new SecureRandom());
        String auth = client.answer("Digest realm=\"r\", nonce=\"n\"", "REGISTER", "sip:r");
        assertThat(auth).contains("username=\"a\\\"b\"");
        assertThat(DigestParams.parse(auth).get("username")).isEqualTo("a\"b");
    }

    @Test
    void rejectsUnusableChallenges() {
        DigestClient client = new DigestClient("a", "b", new SecureRandom());
        assertThatThrownBy(() -> client.answer("Digest realm=\"r\"", "REGISTER", "sip:r"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nonce");
        assertThatThrownBy(() -> client.answer("Digest realm=\"r\", nonce=\"n\", algorithm=SHA-512-256",
                "REGISTER", "sip:r")).hasMessageContaining("unsupported Digest algorithm");
        assertThatThrownBy(() -> client.answer("Digest realm=\"r\", nonce=\"n\", qop=\"auth-int\"",
                "REGISTER", "sip:r")).hasMessageContaining("auth-int");
        assertThatThrownBy(() -> client.answer("Basic realm=\"r\"", "REGISTER", "sip:r"))
                .hasMessageContaining("not a Digest");
    }
}
