package org.minisip.phone.engine;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.FromHeader;
import javax.sip.message.Request;

/** The text of a received SIP MESSAGE: {@code text/plain} bodies (UTF-8 unless another charset is named). */
final class MessageText {
    private MessageText() {
    }

    static Optional<String> of(Request req) {
        byte[] body = req.getRawContent();
        if (body == null || body.length == 0 || !(req.getHeader(ContentTypeHeader.NAME) instanceof ContentTypeHeader ct)
                || !"text".equalsIgnoreCase(ct.getContentType())
                || !"plain".equalsIgnoreCase(ct.getContentSubType())) {
            return Optional.empty();
        }
        String cs = ct.getParameter("charset");
        java.nio.charset.Charset charset = StandardCharsets.UTF_8;
        try {
            if (cs != null) {
                charset = java.nio.charset.Charset.forName(cs.replace("\"", "").toUpperCase(Locale.ROOT));
            }
        } catch (IllegalArgumentException e) {
            // unknown charset: read as UTF-8
        }
        return Optional.of(new String(body, charset));
    }

    static String from(Request req) {
        return req.getHeader(FromHeader.NAME) instanceof FromHeader f ? f.getAddress().getURI().toString() : "unknown";
    }
}
