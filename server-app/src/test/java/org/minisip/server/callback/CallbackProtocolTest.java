package org.minisip.server.callback;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CallbackProtocolTest {
    private static CallbackProtocol.Parsed parse(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return CallbackProtocol.parse(b, b.length);
    }

    @Test
    void wellFormedRequestsParse() {
        assertThat(parse("CALL r-1 101 90301234\r\n")).isEqualTo(new CallbackProtocol.Call("r-1", "101", "90301234"));
        assertThat(parse("CALL  r.2   +4930123  *21#\n")).isEqualTo(new CallbackProtocol.Call("r.2", "+4930123", "*21#"));
        assertThat(parse("PING x")).isEqualTo(new CallbackProtocol.Ping("x"));
    }

    @Test
    void malformedRequestsAreRejectedWithAReason() {
        assertThat(parse("")).isEqualTo(new CallbackProtocol.Rejected("-", 400, "empty request"));
        assertThat(parse("CALL r1 101")).isEqualTo(new CallbackProtocol.Rejected("r1", 400,
                "expected: CALL <id> <A> <B>"));
        assertThat(parse("CALL r/1 101 102")).isEqualTo(new CallbackProtocol.Rejected("-", 400,
                "bad id (1-64 of A-Z a-z 0-9 . _ -)"));
        assertThat(parse("CALL r1 sip:101@x 102")).isEqualTo(new CallbackProtocol.Rejected("r1", 400,
                "bad number (1-32 of 0-9 A-Z a-z * # +)"));
        assertThat(parse("CALL r1 101 102\nCALL r2 101 102")).isEqualTo(new CallbackProtocol.Rejected("-", 400,
                "only printable ASCII on one line is allowed"));
        assertThat(parse("call r1 101 102")).isEqualTo(new CallbackProtocol.Rejected("r1", 405,
                "unknown command (use CALL or PING)"));
        assertThat(((CallbackProtocol.Rejected) parse("CALL r1 101 " + "1".repeat(600))).reason())
                .startsWith("request longer than 512");
        assertThat(new CallbackProtocol.Rejected("r1", 404, "unknown number 5").response())
                .isEqualTo("ERROR r1 404 unknown number 5");
    }
}
