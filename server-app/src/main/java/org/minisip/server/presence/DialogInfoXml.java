package org.minisip.server.presence;

import java.util.List;

/**
 * The {@code application/dialog-info+xml} document of RFC 4235 §4 for one extension, always with
 * {@code state="full"}: every dialog it is in, none when idle. Terminated dialogs appear once, in the document
 * that reports their end.
 */
final class DialogInfoXml {
    private DialogInfoXml() {
    }

    /** {@code entity} is the watched extension's AOR, {@code host} the host part for the peers' URIs. */
    static String document(String entity, long version, List<ExtensionDialog> dialogs, String host) {
        StringBuilder b = new StringBuilder(256);
        b.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        b.append("<dialog-info xmlns=\"urn:ietf:params:xml:ns:dialog-info\" version=\"").append(version)
                .append("\" state=\"full\" entity=\"").append(escape(entity)).append("\">\n");
        for (ExtensionDialog d : dialogs) {
            b.append("  <dialog id=\"").append(escape(d.id())).append("\" call-id=\"").append(escape(d.callId()))
                    .append("\" direction=\"").append(d.initiator() ? "initiator" : "recipient").append("\">\n");
            b.append("    <state>").append(d.state().token()).append("</state>\n");
            b.append("    <local><identity>").append(escape(entity)).append("</identity></local>\n");
            if (d.peer() != null) {
                String peer = "sip:" + d.peer() + "@" + host;
                b.append("    <remote><identity>").append(escape(peer)).append("</identity><target uri=\"")
                        .append(escape(peer)).append("\"/></remote>\n");
            }
            b.append("  </dialog>\n");
        }
        b.append("</dialog-info>\n");
        return b.toString();
    }

    /** XML text and attribute escaping. */
    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&apos;");
                default -> b.append(c < 0x20 && c != '\t' ? ' ' : c);
            }
        }
        return b.toString();
    }
}
