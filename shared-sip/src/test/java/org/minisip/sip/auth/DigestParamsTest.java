package org.minisip.sip.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DigestParamsTest {

    @Test
    void parsesQuotedAndTokenValuesCaseInsensitively() {
        DigestParams p = DigestParams.parse(
                "Digest REALM=\"atlanta.com\",  Nonce = \"abc,def\" ,algorithm=SHA-256, qop=\"auth,auth-int\"");
        assertThat(p.scheme()).isEqualTo("Digest");
        assertThat(p.get("realm")).isEqualTo("atlanta.com");
        assertThat(p.get("NONCE")).isEqualTo("abc,def");
        assertThat(p.get("algorithm")).isEqualTo("SHA-256");
        assertThat(p.get("qop")).isEqualTo("auth,auth-int");
        assertThat(p.get("opaque")).isNull();
        assertThat(p.asMap()).containsOnlyKeys("realm", "nonce", "algorithm", "qop");
    }

    @Test
    void unescapesQuotedPairs() {
        DigestParams p = DigestParams.parse("digest username=\"a\\\"b\\\\c\", realm=\"x\"");
        assertThat(p.get("username")).isEqualTo("a\"b\\c");
        assertThat(p.scheme()).isEqualTo("digest");
    }

    @Test
    void acceptsFoldedWhitespaceEmptyElementsAndBase64Padding() {
        DigestParams p = DigestParams.parse("Digest\r\n realm=\"r\",,\r\n\tnonce=YWJj==, stale=TRUE,");
        assertThat(p.get("nonce")).isEqualTo("YWJj==");
        assertThat(p.get("stale")).isEqualTo("TRUE");
        assertThat(p.get("realm")).isEqualTo("r");
    }

    @Test
    void schemeOnlyHasNoParams() {
        assertThat(DigestParams.parse("Digest").asMap()).isEmpty();
    }

    @Test
    void rejectsOtherSchemes() {
        assertThatThrownBy(() -> DigestParams.parse("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ=="))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a Digest");
        assertThatThrownBy(() -> DigestParams.parse("Digestrealm=\"x\""))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DigestParams.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsMalformedInput() {
        assertThatThrownBy(() -> DigestParams.parse("Digest realm=\"unterminated"))
                .hasMessageContaining("unterminated");
        assertThatThrownBy(() -> DigestParams.parse("Digest realm=\"x\" nonce=\"y\""))
                .hasMessageContaining("expected ','");
        assertThatThrownBy(() -> DigestParams.parse("Digest realm")).hasMessageContaining("expected '='");
        assertThatThrownBy(() -> DigestParams.parse("Digest realm=, nonce=1")).hasMessageContaining("missing value");
        assertThatThrownBy(() -> DigestParams.parse("Digest realm=a, REALM=b")).hasMessageContaining("duplicate");
        assertThatThrownBy(() -> DigestParams.parse("Digest =x")).hasMessageContaining("parameter name");
        assertThatThrownBy(() -> DigestParams.parse("Digest realm=\"x\\"))
                .hasMessageContaining("unterminated");
    }

    @Test
    void rejectsOversizeInput() {
        String big = "Digest realm=\"" + "x".repeat(DigestParams.MAX_LENGTH) + "\"";
        assertThatThrownBy(() -> DigestParams.parse(big)).hasMessageContaining("longer than");
    }

    @Test
    void algorithmTokens() {
        assertThat(DigestAlgorithm.parse("sha-256")).contains(DigestAlgorithm.SHA_256);
        assertThat(DigestAlgorithm.parse("MD5")).contains(DigestAlgorithm.MD5);
        assertThat(DigestAlgorithm.parse("MD5-sess")).isEmpty();
        assertThat(DigestAlgorithm.parse("SHA-512-256")).isEmpty();
        assertThat(DigestAlgorithm.parse(null)).isEmpty();
        assertThat(DigestAlgorithm.SHA_256.token()).isEqualTo("SHA-256");
    }
}
