package org.minisip.sip.stack;

import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.stack.CompactUdpMessageProcessor;
import gov.nist.javax.sip.stack.MessageProcessor;
import gov.nist.javax.sip.stack.NioMessageProcessorFactory;
import gov.nist.javax.sip.stack.NioTcpMessageChannel;
import gov.nist.javax.sip.stack.NioTcpMessageProcessor;
import gov.nist.javax.sip.stack.NioTlsMessageProcessor;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.channels.SocketChannel;
import javax.sip.ListeningPoint;

/**
 * JAIN-SIP's NIO processors ({@code gov.nist.javax.sip.MESSAGE_PROCESSOR_FACTORY}) with an admission check when a
 * TCP or TLS connection is accepted: refused sources and sources over the per-address connection cap are
 * closed before a byte is read (for TLS, before the handshake). UDP is {@link CompactUdpMessageProcessor}
 * (JAIN-SIP's processor without a 64 KiB allocation per datagram; datagrams are checked in
 * {@link GuardedParserFactory}).
 */
public final class GuardedMessageProcessorFactory extends NioMessageProcessorFactory {
    @Override
    public MessageProcessor createMessageProcessor(SIPTransactionStack stack, InetAddress ip, int port,
                                                   String transport) throws IOException {
        String name = stack instanceof SipStackImpl s ? s.getStackName() : null;
        StackHandoff.Objects o = StackHandoff.get(name).orElse(null);
        InboundGuard guard = o == null || o.guard() == null ? InboundGuard.OPEN : o.guard();
        InputLimits limits = o == null || o.limits() == null ? InputLimits.DEFAULT : o.limits();
        ConnectionGate gate = new ConnectionGate(guard, limits.maxConnectionsPerIp());
        if (!transport.equalsIgnoreCase(ListeningPoint.UDP)) {
            stack.getTimer().scheduleWithFixedDelay(gate.sweeper(), 5000, 5000);
        }
        if (transport.equalsIgnoreCase(ListeningPoint.TCP)) {
            return new Tcp(ip, stack, port, gate);
        }
        if (transport.equalsIgnoreCase(ListeningPoint.TLS)) {
            return new Tls(ip, stack, port, gate);
        }
        if (transport.equalsIgnoreCase(ListeningPoint.UDP)) {
            return new CompactUdpMessageProcessor(ip, stack, port);
        }
        return super.createMessageProcessor(stack, ip, port, transport);
    }

    /** The gate of the listening point a channel belongs to, or null (UDP, outgoing-only processors). */
    static ConnectionGate gateOf(gov.nist.javax.sip.stack.MessageChannel ch) {
        Object p = ch.getMessageProcessor();
        return p instanceof Tcp t ? t.gate : p instanceof Tls s ? s.gate : null;
    }

    /** TCP processor that consults the gate on accept. */
    static final class Tcp extends NioTcpMessageProcessor {
        private final ConnectionGate gate;

        Tcp(InetAddress ip, SIPTransactionStack stack, int port, ConnectionGate gate) {
            super(ip, stack, port);
            this.gate = gate;
        }

        @Override
        public NioTcpMessageChannel createMessageChannel(NioTcpMessageProcessor p, SocketChannel client)
                throws IOException {
            gate.admit(client);
            NioTcpMessageChannel ch = super.createMessageChannel(p, client);
            gate.accepted(ch);
            return ch;
        }
    }

    /** TLS processor that consults the gate on accept, before the handshake. */
    static final class Tls extends NioTlsMessageProcessor {
        private final ConnectionGate gate;

        Tls(InetAddress ip, SIPTransactionStack stack, int port, ConnectionGate gate) {
            super(ip, stack, port);
            this.gate = gate;
        }

        @Override
        public NioTcpMessageChannel createMessageChannel(NioTcpMessageProcessor p, SocketChannel client)
                throws IOException {
            gate.admit(client);
            NioTcpMessageChannel ch = super.createMessageChannel(p, client);
            gate.accepted(ch);
            return ch;
        }
    }
}
