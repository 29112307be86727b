package org.minisip.phone.cli;

import java.util.Optional;
import org.minisip.phone.engine.PhoneEvent;

/**
 * The stdout state lines of the headless phone, one per event, each starting with a fixed word scripts can wait for:
 * {@code registered <aor> expires=<s>}, {@code registration-failed <code> <reason>}, {@code incoming <from>},
 * {@code ringing}, {@code answered <codec> srtp=<yes|no>}, {@code dtmf <digit>}, {@code call-failed <code> <reason>},
 * {@code ended <reason>}, {@code hold} / {@code resumed} (the peer holds us / resumed),
 * {@code local-hold} / {@code local-resume} (our hold took effect), {@code hold-failed|resume-failed <code> <reason>},
 * {@code blf <ext> idle|ringing|busy|unknown}, {@code mwi yes|no [<new>/<old>]},
 * {@code subscription-failed <event> <target> <code> <reason>}, {@code transfer <code> <reason>},
 * {@code referred <target>}, {@code replaced <from>}. The runner prefixes the lines of a consultation call with
 * {@code consult-}.
 */
public final class StateLines {
    private StateLines() {
    }

    /** The call an event is about, or null (registration, messages). */
    public static String callIdOf(PhoneEvent e) {
        if (e instanceof PhoneEvent.IncomingCall i) {
            return i.callId();
        } else if (e instanceof PhoneEvent.Ringing r) {
            return r.callId();
        } else if (e instanceof PhoneEvent.Forwarded f) {
            return f.callId();
        } else if (e instanceof PhoneEvent.Answered a) {
            return a.callId();
        } else if (e instanceof PhoneEvent.HoldChanged h) {
            return h.callId();
        } else if (e instanceof PhoneEvent.LocalHoldChanged h) {
            return h.callId();
        } else if (e instanceof PhoneEvent.HoldFailed h) {
            return h.callId();
        } else if (e instanceof PhoneEvent.TransferProgress t) {
            return t.callId();
        } else if (e instanceof PhoneEvent.Referred r) {
            return r.callId();
        } else if (e instanceof PhoneEvent.Replaced r) {
            return r.oldCallId();
        } else if (e instanceof PhoneEvent.DtmfReceived d) {
            return d.callId();
        } else if (e instanceof PhoneEvent.CallFailed f) {
            return f.callId();
        } else if (e instanceof PhoneEvent.CallEnded c) {
            return c.callId();
        }
        return null;
    }

    /** The line for an event; every event has one. */
    public static Optional<String> format(PhoneEvent e) {
        String line;
        if (e instanceof PhoneEvent.Registered r) {
            line = "registered " + r.aor() + " expires=" + r.expiresSeconds();
        } else if (e instanceof PhoneEvent.RegistrationFailed f) {
            line = "registration-failed " + f.status() + " " + f.reason();
        } else if (e instanceof PhoneEvent.IncomingCall i) {
            line = "incoming " + i.fromUri();
        } else if (e instanceof PhoneEvent.Ringing) {
            line = "ringing";
        } else if (e instanceof PhoneEvent.Answered a) {
            line = "answered " + a.codec() + " srtp=" + (a.srtp() ? "yes" : "no");
        } else if (e instanceof PhoneEvent.HoldChanged h) {
            line = h.onHold() ? "hold" : "resumed";
        } else if (e instanceof PhoneEvent.LocalHoldChanged h) {
            line = h.held() ? "local-hold" : "local-resume";
        } else if (e instanceof PhoneEvent.HoldFailed f) {
            line = (f.hold() ? "hold-failed " : "resume-failed ") + f.status() + " " + f.reason();
        } else if (e instanceof PhoneEvent.TransferProgress t) {
            line = "transfer " + t.status() + " " + t.reason();
        } else if (e instanceof PhoneEvent.Referred r) {
            line = "referred " + r.target();
        } else if (e instanceof PhoneEvent.Replaced r) {
            line = "replaced " + r.fromUri();
        } else if (e instanceof PhoneEvent.MessageReceived m) {
            line = "message " + m.fromUri() + " " + m.text().replaceAll("[\\r\\n]+", " ");
        } else if (e instanceof PhoneEvent.MessageResult m) {
            line = (m.status() / 100 == 2 ? "message-sent " : "message-failed ") + m.status() + " " + m.reason();
        } else if (e instanceof PhoneEvent.ExtensionState x) {
            line = "blf " + x.extension() + " " + x.state().word();
        } else if (e instanceof PhoneEvent.MessageWaiting m) {
            line = "mwi " + (m.waiting() ? "yes" : "no")
                    + (m.newMessages() >= 0 ? " " + m.newMessages() + "/" + m.oldMessages() : "");
        } else if (e instanceof PhoneEvent.SubscriptionFailed f) {
            line = "subscription-failed " + f.event() + " " + f.target() + " " + f.status() + " " + f.reason();
        } else if (e instanceof PhoneEvent.DtmfReceived d) {
            line = "dtmf " + d.digit();
        } else if (e instanceof PhoneEvent.CallFailed f) {
            line = "call-failed " + f.status() + " " + f.reason();
        } else if (e instanceof PhoneEvent.CallEnded c) {
            line = "ended " + c.reason().word();
        } else {
            return Optional.empty();
        }
        return Optional.of(line);
    }
}
