package gov.nist.javax.sip.stack;

import gov.nist.javax.sip.message.SIPResponse;

/**
 * Hands a response that no client transaction can own straight to JAIN-SIP's dialog layer, skipping the scan
 * JAIN-SIP 1.3.0-91 does first ({@link SIPTransactionStack#newSIPServerResponse}): when the branch lookup fails it
 * asks <em>every</em> live client transaction whether the response is part of it. For an RFC 3261 branch
 * ({@code z9hG4bK…}) that scan cannot succeed: a transaction matches such a response only by an equal branch, and
 * the table it just missed is keyed by branch. Under overload those responses are mostly retransmitted 2xx whose
 * ACK was late, and the scan (tens of thousands of transactions at 100 calls/s) made our cost per call grow with
 * the load: 17.6 % of the server's CPU in one profile. What happens to the response afterwards is what JAIN-SIP
 * does after its scan: a fresh dialog filter processes it (a 2xx retransmission gets its ACK resent). Lives in
 * JAIN-SIP's package for the stack's message factory.
 */
public final class StrayResponses {
    private static final String RFC3261_BRANCH = "z9hg4bk";

    private StrayResponses() {
    }

    /**
     * Delivers {@code response} without the scan and returns true when it has an RFC 3261 branch that matches no
     * client transaction; returns false (nothing done) otherwise, for JAIN-SIP's normal path.
     */
    public static boolean deliverIfStray(SIPResponse response, MessageChannel channel) {
        SIPTransactionStack stack = channel.getSIPStack();
        String key = response.getTransactionId();
        if (stack == null || key == null || !key.startsWith(RFC3261_BRANCH)
                || stack.findTransaction(key, false) != null) {
            return false;
        }
        ServerResponseInterface sri = stack.sipMessageFactory.newSIPServerResponse(response, channel);
        if (sri != null) {
            sri.processResponse(response, channel);
        }
        return true;
    }
}
