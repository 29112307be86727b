package org.minisip.sip.stack;

import java.util.Optional;
import javax.sip.address.Hop;
import javax.sip.message.Request;

/**
 * Lets an application choose where an out-of-dialog or in-dialog request goes when it carries no Route header,
 * e.g. the registrar sending to the address and connection a phone registered from (its "flow", RFC 5626)
 * rather than to the host in its Contact. Called on the thread that sends the request; must not block.
 */
@FunctionalInterface
public interface NextHopResolver {
    Optional<Hop> nextHop(Request request);
}
