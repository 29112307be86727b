package org.minisip.server.presence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.minisip.server.RawSip;
import org.minisip.server.TestServer;
import org.minisip.sip.stack.Transport;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * SUBSCRIBE to the server with exact messages over UDP (RFC 6665, RFC 4235, RFC 3842): challenge, 489 for an
 * unknown package, 404 for an unknown extension, 423 for a too short Expires, 403 for another's mailbox, the
 * immediate NOTIFY with a parsed dialog-info document, refresh (version increments) and unsubscribe.
 */
class SubscribeRawIT {
    private static final String NS = "urn:ietf:params:xml:ns:dialog-info";
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(null);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static RawSubscriber subscriber(String ext) throws Exception {
        return new RawSubscriber(server.port(Transport.UDP), ext, "pw-" + ext);
    }

    @Test
    void dialogSubscriptionGetsFullStateNotifyThenRefreshAndUnsubscribe() throws Exception {
        try (RawSubscriber s = subscriber("100")) {
            String ok = s.subscribe("101", "dialog", 600, "application/dialog-info+xml");
            assertThat(RawSip.status(ok)).isEqualTo(200);
            assertThat(RawSubscriber.header(ok, "Expires")).contains("600");
            assertThat(RawSubscriber.header(ok, "Contact")).isPresent();

            String n1 = s.nextNotify(10_000).orElseThrow(() -> new AssertionError("no NOTIFY"));
            assertThat(RawSubscriber.header(n1, "Event")).contains("dialog");
            assertThat(RawSubscriber.header(n1, "Subscription-State").orElseThrow()).matches("active;expires=(600|59\\d)");
            assertThat(RawSubscriber.header(n1, "Content-Type")).contains("application/dialog-info+xml");
            assertThat(RawSubscriber.header(n1, "To").orElseThrow()).contains("tag=" + s.fromTag);
            Element info = parse(RawSubscriber.body(n1));
            assertThat(info.getLocalName()).isEqualTo("dialog-info");
            assertThat(info.getNamespaceURI()).isEqualTo(NS);
            assertThat(info.getAttribute("version")).isEqualTo("0");
            assertThat(info.getAttribute("state")).isEqualTo("full");
            assertThat(info.getAttribute("entity")).startsWith("sip:101@");
            assertThat(info.getElementsByTagNameNS(NS, "dialog").getLength()).isZero();

            String refreshed = s.subscribe("101", "dialog", 300, null);
            assertThat(RawSip.status(refreshed)).isEqualTo(200);
            assertThat(RawSubscriber.header(refreshed, "Expires")).contains("300");
            String n2 = s.nextNotify(10_000).orElseThrow(() -> new AssertionError("no NOTIFY after refresh"));
            assertThat(parse(RawSubscriber.body(n2)).getAttribute("version")).isEqualTo("1");

            String gone = s.subscribe("101", "dialog", 0, null);
            assertThat(RawSip.status(gone)).isEqualTo(200);
            String last = s.nextNotify(10_000).orElseThrow(() -> new AssertionError("no final NOTIFY"));
            assertThat(RawSubscriber.header(last, "Subscription-State").orElseThrow()).startsWith("terminated");
            assertThat(parse(RawSubscriber.body(last)).getAttribute("version")).isEqualTo("2");

            // the subscription is gone: a refresh in its dialog is refused
            String stale = s.subscribe("101", "dialog", 600, null);
            assertThat(RawSip.status(stale)).isEqualTo(481);
        }
    }

    @Test
    void unknownPackageIs489WithAllowEvents() throws Exception {
        try (RawSubscriber s = subscriber("100")) {
            String r = s.subscribe("101", "presence", 600, null);
            assertThat(RawSip.status(r)).isEqualTo(489);
            assertThat(RawSubscriber.header(r, "Allow-Events").orElseThrow()).contains("dialog")
                    .contains("message-summary");
        }
    }

    @Test
    void unknownExtensionIs404AfterAuthentication() throws Exception {
        try (RawSubscriber s = subscriber("100")) {
            assertThat(RawSip.status(s.subscribe("199", "dialog", 600, null))).isEqualTo(404);
        }
    }

    @Test
    void wrongPasswordIs403() throws Exception {
        try (RawSubscriber s = new RawSubscriber(server.port(Transport.UDP), "100", "not-the-password")) {
            assertThat(RawSip.status(s.subscribe("101", "dialog", 600, null))).isEqualTo(403);
        }
    }

    @Test
    void tooShortExpiresIs423WithMinExpires() throws Exception {
        try (RawSubscriber s = subscriber("100")) {
            String r = s.subscribe("101", "dialog", 10, null);
            assertThat(RawSip.status(r)).isEqualTo(423);
            assertThat(RawSubscriber.header(r, "Min-Expires")).contains("60");
        }
    }

    @Test
    void longExpiresIsCutToTheMaximum() throws Exception {
        try (RawSubscriber s = subscriber("102")) {
            String r = s.subscribe("101", "dialog", 86_400, null);
            assertThat(RawSubscriber.header(r, "Expires")).contains("3600");
            s.nextNotify(10_000).orElseThrow();
            s.subscribe("101", "dialog", 0, null);
            s.nextNotify(10_000).orElseThrow();
        }
    }

    @Test
    void acceptWithoutTheBodyTypeIs406() throws Exception {
        try (RawSubscriber s = subscriber("100")) {
            assertThat(RawSip.status(s.subscribe("101", "dialog", 600, "application/pidf+xml"))).isEqualTo(406);
        }
    }

    @Test
    void messageSummaryOfOwnMailboxSaysNoMessagesAndOthersAreForbidden() throws Exception {
        try (RawSubscriber s = subscriber("103")) {
            assertThat(RawSip.status(s.subscribe("104", "message-summary", 600, null))).isEqualTo(403);
        }
        try (RawSubscriber s = subscriber("103")) {
            assertThat(RawSip.status(s.subscribe("103", "message-summary", 600, null))).isEqualTo(200);
            String n = s.nextNotify(10_000).orElseThrow(() -> new AssertionError("no NOTIFY"));
            assertThat(RawSubscriber.header(n, "Event")).contains("message-summary");
            assertThat(RawSubscriber.header(n, "Content-Type")).contains("application/simple-message-summary");
            String body = RawSubscriber.body(n);
            assertThat(body).contains("Messages-Waiting: no\r\n").contains("Voice-Message: 0/0 (0/0)\r\n")
                    .containsPattern("Message-Account: sip:103@\\S+\r\n");
            s.subscribe("103", "message-summary", 0, null);
            assertThat(RawSubscriber.header(s.nextNotify(10_000).orElseThrow(), "Subscription-State").orElseThrow())
                    .startsWith("terminated");
        }
    }

    /** Parses a dialog-info document with DTDs and external entities off; returns the root element. */
    static Element parse(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        Document d = f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        return d.getDocumentElement();
    }
}
