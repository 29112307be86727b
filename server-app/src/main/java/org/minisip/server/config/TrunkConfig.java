package org.minisip.server.config;

/**
 * One {@code trunks:} entry: a carrier account (with {@code registrar}) or an IP-trusted gateway (with
 * {@code address}). Validated by {@link ConfigLoader}: exactly one of registrar/address, credentials when
 * registering, prefix and parameters in their allowed alphabets.
 *
 * @param name             unique name, used in logs, CDRs and the trunk status
 * @param host             registrar or gateway host (name or IP literal, IPv6 without brackets)
 * @param port             its port (5060, 5061 for TLS, when not given)
 * @param gateway          true for an {@code address:} peer: no registration, trusted by source address
 * @param transport        udp, tcp or tls
 * @param username         account user (REGISTER, From of outbound calls, digest user); null for none
 * @param password         digest password; null for none
 * @param register         send REGISTER to the registrar and keep it refreshed
 * @param registerExpires  Expires asked for in REGISTER, seconds
 * @param retrySeconds     first back-off after a failed registration; doubles up to 30 minutes
 * @param sameCallId       false: a new Call-ID (CSeq 1) for every REGISTER, including challenge answers
 * @param outboundPrefix   dialled numbers starting with this leave through the trunk, prefix stripped; null: none
 * @param useTelUri        Request-URI and To as {@code tel:<number>} (RFC 3966) instead of sip:number@host
 * @param requestUriParams appended to the Request-URI after ';' (e.g. {@code user=phone}); "" for none
 * @param noAnswerSeconds  release unanswered outbound calls after this long; 0 = {@code calls.no-answer-seconds}
 * @param inboundTo        extension (or group) every inbound call goes to; null: the dialled number
 */
public record TrunkConfig(String name, String host, int port, boolean gateway, String transport, String username,
                          String password, boolean register, int registerExpires, int retrySeconds,
                          boolean sameCallId, String outboundPrefix, boolean useTelUri, String requestUriParams,
                          int noAnswerSeconds, String inboundTo) {

    /** {@code host:port} with IPv6 literals in brackets, for Request-URIs and logs. */
    public String hostPort() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        return h + ":" + port;
    }
}
