package org.minisip.server.sip;

import javax.sip.ClientTransaction;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipListener;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionAlreadyExistsException;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point of every SIP event: creates the server transaction and dispatches by method to the registrar,
 * the B2BUA or the dialog relay. Every handler answers or drops; an exception in a handler is logged and answered
 * with 500 when possible, so the listener thread always survives bad input.
 */
public final class ServerListener implements SipListener {
    private static final Logger LOG = LoggerFactory.getLogger(ServerListener.class);

    /** What the listener dispatches to; implemented by the server's assembly so this class stays small. */
    public interface Handlers {
        void register(RequestEvent e, ServerTransaction st);

        void invite(RequestEvent e, ServerTransaction st);

        void inDialog(RequestEvent e, ServerTransaction st);

        void ack(RequestEvent e);

        void cancel(RequestEvent e, ServerTransaction st);

        void outOfDialog(RequestEvent e, ServerTransaction st);

        void response(ResponseEvent e);

        void timeout(ClientTransaction ct);
    }

    private final Handlers handlers;
    private final Responder responder;

    public ServerListener(Handlers handlers, Responder responder) {
        this.handlers = handlers;
        this.responder = responder;
    }

    @Override
    public void processRequest(RequestEvent event) {
        Request req = event.getRequest();
        String method = req.getMethod();
        ServerTransaction st = null;
        try {
            if (method.equals(Request.ACK)) {
                handlers.ack(event);
                return;
            }
            st = event.getServerTransaction();
            if (st == null) {
                st = event.getSource() instanceof javax.sip.SipProvider p ? p.getNewServerTransaction(req) : null;
            }
            boolean inDialog = ((ToHeader) req.getHeader(ToHeader.NAME)).getTag() != null;
            switch (method) {
                case Request.REGISTER -> handlers.register(event, st);
                case Request.CANCEL -> handlers.cancel(event, st);
                case Request.INVITE -> {
                    if (inDialog) {
                        handlers.inDialog(event, st);
                    } else {
                        handlers.invite(event, st);
                    }
                }
                default -> {
                    if (inDialog) {
                        handlers.inDialog(event, st);
                    } else {
                        handlers.outOfDialog(event, st);
                    }
                }
            }
        } catch (TransactionAlreadyExistsException e) {
            LOG.trace("retransmission of {} absorbed", method);
        } catch (javax.sip.TransactionUnavailableException e) {
            // a request JAIN-SIP cannot make a transaction of (e.g. an INVITE without Contact or Max-Forwards)
            LOG.debug("bad {}: {}", method, e.getMessage());
            responder.respond(null, req, Response.BAD_REQUEST, null);
        } catch (Exception | LinkageError e) {
            LOG.warn("error handling {}: {}", method, e.toString(), e);
            responder.respond(st, req, Response.SERVER_INTERNAL_ERROR, null);
        }
    }

    @Override
    public void processResponse(ResponseEvent event) {
        try {
            handlers.response(event);
        } catch (Exception e) {
            LOG.warn("error handling response {}: {}", event.getResponse().getStatusCode(), e.toString(), e);
        }
    }

    @Override
    public void processTimeout(TimeoutEvent event) {
        if (!event.isServerTransaction() && event.getClientTransaction() != null) {
            try {
                handlers.timeout(event.getClientTransaction());
            } catch (Exception e) {
                LOG.warn("error handling timeout: {}", e.toString(), e);
            }
        }
    }

    @Override
    public void processIOException(IOExceptionEvent event) {
        LOG.debug("I/O error towards {}:{}/{}", event.getHost(), event.getPort(), event.getTransport());
    }

    @Override
    public void processTransactionTerminated(TransactionTerminatedEvent event) {
    }

    @Override
    public void processDialogTerminated(DialogTerminatedEvent event) {
    }
}
