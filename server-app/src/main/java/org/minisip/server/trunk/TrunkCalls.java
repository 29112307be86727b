package org.minisip.server.trunk;

import java.security.SecureRandom;
import java.text.ParseException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.sip.InvalidArgumentException;
import javax.sip.header.CallIdHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.minisip.server.config.TrunkConfig;
import org.minisip.sip.auth.DigestClient;

/**
 * What the B2BUA needs from trunks on its SIP threads: number analysis, INVITEs towards a trunk (with their next
 * hop remembered) and answers to a carrier's digest challenge. Non-blocking and thread-safe.
 */
public final class TrunkCalls {
    /** Challenges answered per outbound INVITE before the carrier's 401/407 is taken as final. */
    public static final int MAX_AUTH_ATTEMPTS = 2;
    private final Trunks trunks;
    private final TrunkRequests requests;
    private final SecureRandom random;
    private final Map<String, DigestClient> digests = new ConcurrentHashMap<>();

    public TrunkCalls(Trunks trunks, TrunkRequests requests, SecureRandom random) {
        this.trunks = trunks;
        this.requests = requests;
        this.random = random;
    }

    public Optional<OutboundTarget> outbound(String dialled) {
        return trunks.outbound(dialled);
    }

    public Optional<TrunkConfig> from(String sourceIp) {
        return trunks.from(sourceIp);
    }

    /** The INVITE for an outbound call through a trunk; its Call-ID is routed to the trunk's address. */
    public Request invite(Request inbound, OutboundTarget target, String callerNumber, String callerDisplay)
            throws ParseException, InvalidArgumentException {
        Request r = requests.invite(inbound, target, callerNumber, callerDisplay);
        trunks.route(callId(r), r.getRequestURI().toString(), target.trunk());
        return r;
    }

    /** An INVITE to a trunk the server originates itself (call-back legs), with {@code body} when given. */
    public Request invite(OutboundTarget target, String callerNumber, String callerDisplay, byte[] body,
                          javax.sip.header.ContentTypeHeader type) throws ParseException, InvalidArgumentException {
        Request r = requests.invite(target, callerNumber, callerDisplay, body, type);
        trunks.route(callId(r), r.getRequestURI().toString(), target.trunk());
        return r;
    }

    /**
     * The INVITE again with credentials for the carrier's 401/407, or empty when the trunk has no credentials or
     * the challenge cannot be answered.
     */
    public Optional<Request> withCredentials(Request sent, Response challenge, TrunkConfig trunk) {
        if (trunk.username() == null || trunk.password() == null) {
            return Optional.empty();
        }
        DigestClient d = digests.computeIfAbsent(trunk.name(),
                n -> new DigestClient(trunk.username(), trunk.password(), random));
        try {
            Request r = requests.withCredentials(sent, challenge, d, null);
            trunks.route(callId(r), r.getRequestURI().toString(), trunk);
            return Optional.of(r);
        } catch (ParseException | InvalidArgumentException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The call to the trunk is over (final response or timeout): drop its routing entry. */
    public void finished(Request sent) {
        trunks.forget(callId(sent));
    }

    private static String callId(Request r) {
        return ((CallIdHeader) r.getHeader(CallIdHeader.NAME)).getCallId();
    }
}
