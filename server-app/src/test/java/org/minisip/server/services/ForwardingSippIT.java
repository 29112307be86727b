package org.minisip.server.services;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minisip.server.TestServer;
import org.minisip.sip.stack.Transport;

/**
 * Call forwarding seen by SIPp on 127.0.0.1: the caller must receive {@code 181 Call Is Being Forwarded} with a
 * {@code Call-Info} naming who forwarded and the target, once per hop, then the target's 200.
 */
class ForwardingSippIT {
    @TempDir
    Path tmp;

    /** One expected 181 whose Call-Info says {@code from} forwarded to {@code to}. */
    private static String expect181(String from, String to, int n) {
        return """
                  <recv response="180" optional="true"/>
                  <recv response="181">
                    <action>
                      <ereg regexp="^ *&lt;sip:%2$s@[^&gt;]+&gt;;purpose=forwarding;username=&quot;%1$s&quot;;contact=&quot;sip:%2$s@"
                            search_in="hdr" header="Call-Info:" check_it="true" assign_to="ci%3$d"/>
                      <log message="181 from %1$s to %2$s: [$ci%3$d]"/>
                    </action>
                  </recv>
                """.formatted(from, to, n);
    }

    @Test
    void unconditionalThenNoAnswerChainSendsOne181PerHop() throws Exception {
        try (TestServer server = TestServer.start(null, Map.of(
                "102", "forward: {unconditional: \"103\"}",
                "103", "forward: {no-answer: \"104\", no-answer-seconds: 2}"));
             Sipp sipp = new Sipp(tmp, server.port(Transport.UDP))) {
            int p103 = Sipp.freePort();
            int p104 = Sipp.freePort();
            sipp.register("103", p103);
            sipp.register("104", p104);
            Process ringer = sipp.uas("uas-103", "uas_ring.xml", p103);
            Process answerer = sipp.uas("uas-104", "uas", p104);
            Thread.sleep(300);
            String scen = sipp.template("uac_forwarded.xml.tmpl", "uac_chain.xml",
                    expect181("102", "103", 1) + expect181("103", "104", 2));
            Process uac = sipp.uac("uac", scen, "102", "100", Sipp.freePort());
            sipp.expectExit(uac, "uac", 0);
            sipp.expectExit(ringer, "uas-103", 0);
            sipp.expectExit(answerer, "uas-104", 0);
            assertThat(sipp.tail("uas-104.msg")).contains("Diversion: <sip:103@")
                    .contains("reason=no-answer").contains("Diversion: <sip:102@").contains("reason=unconditional");
        }
    }

    @Test
    void a302FromThePhoneIsFollowedWith181() throws Exception {
        try (TestServer server = TestServer.start(null);
             Sipp sipp = new Sipp(tmp, server.port(Transport.UDP))) {
            int p102 = Sipp.freePort();
            int p104 = Sipp.freePort();
            sipp.register("102", p102);
            sipp.register("104", p104);
            Process redirector = sipp.uas("uas-102", "uas_redirect.xml", p102, "-key", "target", "104");
            Process answerer = sipp.uas("uas-104", "uas", p104);
            Thread.sleep(300);
            String scen = sipp.template("uac_forwarded.xml.tmpl", "uac_302.xml", expect181("102", "104", 1));
            Process uac = sipp.uac("uac", scen, "102", "100", Sipp.freePort());
            sipp.expectExit(uac, "uac", 0);
            sipp.expectExit(redirector, "uas-102", 0);
            sipp.expectExit(answerer, "uas-104", 0);
        }
    }
}
