package org.minisip.sip.stack;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import org.junit.jupiter.api.Test;

class HeaderLimitsTest {
    private static final InputLimits LIMITS = new InputLimits(65536, 10, 300, 0, 60);

    private static byte[] msg(int extraHeaders, int lineLength, String body) {
        StringBuilder sb = new StringBuilder("OPTIONS sip:a@b SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\n");
        for (int i = 0; i < extraHeaders; i++) {
            sb.append("X-H").append(i).append(": v\r\n");
        }
        sb.append("Subject: ").append("s".repeat(Math.max(0, lineLength - 9))).append("\r\n\r\n").append(body);
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void withinLimitsPasses() {
        assertThatCode(() -> GuardedParserFactory.checkHeaderSection(msg(8, 300, ""), LIMITS)).doesNotThrowAnyException();
    }

    @Test
    void bodyLinesDoNotCountAsHeaders() {
        String body = "v=0\r\n".repeat(50) + "a=".repeat(400) + "\r\n";
        assertThatCode(() -> GuardedParserFactory.checkHeaderSection(msg(0, 20, body), LIMITS)).doesNotThrowAnyException();
    }

    @Test
    void tooManyHeadersOrTooLongALineIsAParseError() {
        assertThatThrownBy(() -> GuardedParserFactory.checkHeaderSection(msg(9, 20, ""), LIMITS))
                .isInstanceOf(ParseException.class).hasMessageContaining("more than 10 header lines");
        assertThatThrownBy(() -> GuardedParserFactory.checkHeaderSection(msg(0, 301, ""), LIMITS))
                .isInstanceOf(ParseException.class).hasMessageContaining("header line of 301 bytes");
    }
}
