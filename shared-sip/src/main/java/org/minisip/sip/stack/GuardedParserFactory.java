package org.minisip.sip.stack;

import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.parser.MessageParser;
import gov.nist.javax.sip.parser.MessageParserFactory;
import gov.nist.javax.sip.parser.ParseExceptionListener;
import gov.nist.javax.sip.parser.StringMsgParser;
import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import java.text.ParseException;

/**
 * JAIN-SIP message parser factory ({@code gov.nist.javax.sip.MESSAGE_PARSER_FACTORY}) that puts two checks in
 * front of JAIN-SIP's own parser:
 * <ul>
 *   <li>UDP datagrams from a source the {@link InboundGuard} refuses are dropped before parsing (JAIN-SIP would
 *       otherwise answer unparseable ones with 400 itself);</li>
 *   <li>{@link InputLimits}: too large a message, too many header lines or too long a line is a parse error
 *       (UDP: JAIN-SIP answers 400 when it can; streams: the message is dropped); so is a message without
 *       From, To, Call-ID, CSeq or Via.</li>
 * </ul>
 * Instantiated reflectively; the guard and limits come from {@link StackHandoff}. Runs on transport threads.
 */
public final class GuardedParserFactory implements MessageParserFactory {
    @Override
    public MessageParser createMessageParser(SIPTransactionStack stack) {
        String name = stack instanceof SipStackImpl s ? s.getStackName() : null;
        StackHandoff.Objects o = StackHandoff.get(name).orElse(null);
        InboundGuard guard = o == null || o.guard() == null ? InboundGuard.OPEN : o.guard();
        InputLimits limits = o == null || o.limits() == null ? InputLimits.DEFAULT : o.limits();
        return new Parser(new StringMsgParser(), guard, limits);
    }

    private static final class Parser implements MessageParser {
        private final MessageParser delegate;
        private final InboundGuard guard;
        private final InputLimits limits;

        Parser(MessageParser delegate, InboundGuard guard, InputLimits limits) {
            this.delegate = delegate;
            this.guard = guard;
            this.limits = limits;
        }

        @Override
        public SIPMessage parseSIPMessage(byte[] bytes, boolean readBody, boolean strict,
                                          ParseExceptionListener listener) throws ParseException {
            if (listener instanceof MessageChannel ch && "UDP".equalsIgnoreCase(ch.getTransport())) {
                java.net.InetAddress src = Addresses.literal(ch.getPeerAddress());
                if (src != null && !guard.admitSource(src)) {
                    return null;
                }
                if (bytes.length >= limits.maxMessageBytes()) {
                    throw new ParseException("message of " + bytes.length + " bytes exceeds the limit", 0);
                }
            }
            checkHeaderSection(bytes, limits);
            SIPMessage m = delegate.parseSIPMessage(bytes, readBody, strict, listener);
            if (m != null) {
                // JAIN-SIP's UDP path dereferences CSeq before its own check and logged every such datagram as
                // an ERROR with a stack trace (a log flood under attack): reject the message here instead
                String missing = m.getCSeq() == null ? "CSeq" : m.getFrom() == null ? "From" : m.getTo() == null
                        ? "To" : m.getCallId() == null ? "Call-ID" : m.getTopmostVia() == null ? "Via" : null;
                if (missing != null) {
                    throw new ParseException("missing " + missing + " header", 0);
                }
            }
            return m;
        }
    }

    /** Header count and line length of the part before the first empty line. */
    static void checkHeaderSection(byte[] b, InputLimits limits) throws ParseException {
        int lines = 0;
        int lineStart = 0;
        for (int i = 0; i < b.length; i++) {
            if (b[i] == '\n') {
                int len = i - lineStart - (i > lineStart && b[i - 1] == '\r' ? 1 : 0);   // without CRLF
                if (len > limits.maxLineBytes()) {
                    throw new ParseException("header line of " + len + " bytes exceeds the limit", lineStart);
                }
                boolean empty = len == 0;
                if (empty && lines > 0) {
                    return;
                }
                if (!empty && ++lines > limits.maxHeaders() + 1) {
                    throw new ParseException("more than " + limits.maxHeaders() + " header lines", lineStart);
                }
                lineStart = i + 1;
            }
        }
        if (b.length - lineStart > limits.maxLineBytes()) {
            throw new ParseException("header line exceeds the limit", lineStart);
        }
    }
}
