package org.minisip.sip.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.SipListener;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.address.SipURI;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.minisip.sip.tls.TlsMaterial;
import org.minisip.sip.tls.TrustOptions;

/** Two endpoints on 127.0.0.1 exchange OPTIONS over each transport, both ways (the second on the same flow). */
class SipEndpointIT {

    static final class Recorder implements SipListener {
        final BlockingQueue<Object> events = new ArrayBlockingQueue<>(100);
        SipEndpoint self;

        @Override
        public void processRequest(RequestEvent e) {
            try {
                Response r = self.messages().createResponse(200, e.getRequest());
                self.provider().getNewServerTransaction(e.getRequest()).sendResponse(r);
                events.add(e.getRequest());
            } catch (Exception ex) {
                events.add(ex);
            }
        }

        @Override public void processResponse(ResponseEvent e) { events.add(e.getResponse()); }
        @Override public void processTimeout(TimeoutEvent e) { events.add("timeout"); }
        @Override public void processIOException(IOExceptionEvent e) { events.add("io " + e.getHost()); }
        @Override public void processTransactionTerminated(TransactionTerminatedEvent e) { }
        @Override public void processDialogTerminated(DialogTerminatedEvent e) { }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void optionsBothWays(Transport t) throws Exception {
        TlsMaterial tls = TlsMaterial.generateSelfSigned("localhost");
        Recorder serverRec = new Recorder();
        Recorder clientRec = new Recorder();
        StackConfig sc = StackConfig.builder("srv").bind("127.0.0.1").port(t, 0)
                .tls(tls.keyManagers(), TrustOptions.jvmDefault()).build();
        try (SipEndpoint server = SipEndpoint.start(sc, serverRec)) {
            serverRec.self = server;
            StackConfig cc = StackConfig.builder("cli").bind("127.0.0.1").port(t, 0)
                    .tls(null, TrustOptions.insecure()).build();
            try (SipEndpoint client = SipEndpoint.start(cc, clientRec)) {
                clientRec.self = client;
                send(client, "127.0.0.1", server.port(t), t);
                Object got = serverRec.events.poll(10, TimeUnit.SECONDS);
                assertThat(got).as("server got OPTIONS").isInstanceOf(Request.class);
                Object resp = clientRec.events.poll(10, TimeUnit.SECONDS);
                assertThat(resp).as("client got 200").isInstanceOf(Response.class);
                Request req = (Request) got;
                ViaHeader via = (ViaHeader) req.getHeader(ViaHeader.NAME);
                int srcPort = via.getRPort() > 0 ? via.getRPort() : via.getPort();
                send(server, "127.0.0.1", srcPort, t);
                Object back = clientRec.events.poll(10, TimeUnit.SECONDS);
                assertThat(back).as("client got OPTIONS on the flow").isInstanceOf(Request.class);
                assertThat(serverRec.events.poll(10, TimeUnit.SECONDS)).isInstanceOf(Response.class);
            }
        }
    }

    private static void send(SipEndpoint from, String host, int port, Transport t) throws Exception {
        SipURI target = from.addresses().createSipURI(null, host);
        target.setPort(port);
        target.setTransportParam(t.token());
        var fromAddr = from.addresses().createAddress("sip:a@127.0.0.1");
        ViaHeader via = from.headers().createViaHeader("127.0.0.1", from.port(t), t.token(), null);
        via.setRPort();
        Request r = from.messages().createRequest(target, Request.OPTIONS, from.provider().getNewCallId(),
                from.headers().createCSeqHeader(1L, Request.OPTIONS), from.headers().createFromHeader(fromAddr, "x1"),
                from.headers().createToHeader(from.addresses().createAddress(target), null), List.of(via),
                from.headers().createMaxForwardsHeader(70));
        from.provider().getNewClientTransaction(r).sendRequest();
    }
}
