package org.minisip.server.security;

import java.util.List;
import java.util.ListIterator;
import java.util.Optional;
import javax.sip.ServerTransaction;
import javax.sip.header.Header;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.minisip.server.config.ServerConfig;
import org.minisip.server.sip.Responder;
import org.minisip.sip.auth.DigestServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Digest authentication of requests from extensions (RFC 3261 §22). Unknown users and wrong passwords get the
 * very same answer (403, same headers), so scanners cannot enumerate extensions. Runs on SIP threads; the
 * digest computation is CPU-only.
 */
public final class Authenticator {
    private static final Logger LOG = LoggerFactory.getLogger(Authenticator.class);
    private final DigestServer digest;
    private final ServerConfig config;
    private final Responder responder;
    private final FailToBan failures;

    public Authenticator(DigestServer digest, ServerConfig config, Responder responder, FailToBan failures) {
        this.digest = digest;
        this.config = config;
        this.responder = responder;
        this.failures = failures;
    }

    /**
     * Returns the authenticated user name, or empty after having answered the request itself (401/407 challenge,
     * or 403), or without answering when the source got banned meanwhile. {@code proxyStyle}: 407 + Proxy-Authorization (calls) instead of 401 + Authorization (REGISTER).
     */
    public Optional<String> authenticate(Request request, ServerTransaction st, boolean proxyStyle, String source) {
        java.net.InetAddress ip = sourceAddress(request, source);
        if (ip != null && failures.banned(ip)) {
            // banned while this request was already past the stack's check (parallel password guessing): drop it
            return Optional.empty();
        }
        String credentialsHeader = proxyStyle ? "Proxy-Authorization" : "Authorization";
        String value = credentialsFor(request, credentialsHeader);
        if (value == null) {
            challenge(request, st, proxyStyle, false);
            return Optional.empty();
        }
        DigestServer.Verdict v = digest.verify(request.getMethod(), value,
                user -> config.extension(user).map(ServerConfig.Extension::password));
        if (v instanceof DigestServer.Verdict.Ok ok) {
            return Optional.of(ok.username());
        }
        if (v instanceof DigestServer.Verdict.Stale) {
            challenge(request, st, proxyStyle, true);
            return Optional.empty();
        }
        DigestServer.Verdict.Rejected r = (DigestServer.Verdict.Rejected) v;
        LOG.info("authentication failed for '{}' from {}: {}", r.username(), source, r.reason());
        if (ip != null) {   // counted before answering: the client's next try, sent after this 403, sees any ban
            failures.failed(ip, "'" + r.username() + "': " + r.reason());
        }
        responder.respond(st, request, Response.FORBIDDEN, null);
        return Optional.empty();
    }

    /** The packet source of the request (JAIN-SIP records it), else the address part of "ip:port". */
    private static java.net.InetAddress sourceAddress(Request request, String source) {
        if (request instanceof gov.nist.javax.sip.message.SIPMessage m && m.getRemoteAddress() != null) {
            return m.getRemoteAddress();
        }
        int colon = source == null ? -1 : source.lastIndexOf(':');
        try {
            return colon < 0 ? null : java.net.InetAddress.getByName(IpRange.parse(source.substring(0, colon))
                    .text().replace("[", "").replace("]", ""));
        } catch (IllegalArgumentException | java.io.IOException e) {
            return null;
        }
    }

    private String credentialsFor(Request request, String headerName) {
        ListIterator<Header> it = request.getHeaders(headerName);
        String realmToken = "realm=\"" + config.realm() + "\"";
        String first = null;
        while (it != null && it.hasNext()) {
            Header h = it.next();
            String v = ((gov.nist.javax.sip.header.SIPHeader) h).getHeaderValue().trim();
            if (first == null) {
                first = v;
            }
            if (v.contains(realmToken)) {
                return v;
            }
        }
        return first;
    }

    private void challenge(Request request, ServerTransaction st, boolean proxyStyle, boolean stale) {
        List<String> challenges = config.auth().algorithms().stream().map(a -> digest.challenge(a, stale)).toList();
        String header = proxyStyle ? "Proxy-Authenticate" : "WWW-Authenticate";
        int code = proxyStyle ? Response.PROXY_AUTHENTICATION_REQUIRED : Response.UNAUTHORIZED;
        responder.respond(st, request, code, resp -> {
            for (String c : challenges) {
                resp.addHeader(responder.header(header, c));
            }
        });
    }
}
