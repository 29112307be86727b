package org.minisip.phone.engine;

import java.io.ByteArrayInputStream;
import java.util.Locale;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Reads an RFC 4235 {@code application/dialog-info+xml} document into what a busy lamp shows. DTDs and external
 * entities are refused (XXE). A dialog that is {@code early} (or trying/proceeding) as recipient means ringing and
 * wins, since it can be picked up; any other dialog that is not terminated means busy; none means idle.
 */
final class DialogInfo {
    static final String NS = "urn:ietf:params:xml:ns:dialog-info";

    /** The parsed document: its version and the lamp state it means. */
    record Parsed(long version, BlfState state) {
    }

    private DialogInfo() {
    }

    /** Empty when the body is not a dialog-info document. */
    static Optional<Parsed> parse(byte[] body) {
        if (body == null || body.length == 0 || body.length > 64 * 1024) {
            return Optional.empty();
        }
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            var builder = f.newDocumentBuilder();
            builder.setErrorHandler(null);
            Element root = builder.parse(new ByteArrayInputStream(body)).getDocumentElement();
            if (!"dialog-info".equals(root.getLocalName()) || !NS.equals(root.getNamespaceURI())) {
                return Optional.empty();
            }
            long version = parseVersion(root.getAttribute("version"));
            boolean ringing = false;
            boolean busy = false;
            NodeList dialogs = root.getElementsByTagNameNS(NS, "dialog");
            for (int i = 0; i < dialogs.getLength(); i++) {
                Element d = (Element) dialogs.item(i);
                NodeList st = d.getElementsByTagNameNS(NS, "state");
                String state = st.getLength() == 0 ? "" : st.item(0).getTextContent().trim().toLowerCase(Locale.ROOT);
                boolean recipient = "recipient".equalsIgnoreCase(d.getAttribute("direction"));
                switch (state) {
                    case "trying", "proceeding", "early" -> {
                        if (recipient) {
                            ringing = true;
                        } else {
                            busy = true;
                        }
                    }
                    case "confirmed" -> busy = true;
                    default -> {
                        // terminated (or unknown): the dialog no longer counts
                    }
                }
            }
            return Optional.of(new Parsed(version, ringing ? BlfState.RINGING : busy ? BlfState.BUSY : BlfState.IDLE));
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    private static long parseVersion(String v) {
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
