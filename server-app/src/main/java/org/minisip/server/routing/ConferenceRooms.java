package org.minisip.server.routing;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sip.message.Response;
import org.minisip.sdp.OfferAnswer;
import org.minisip.sdp.SessionDescription;
import org.minisip.server.config.Services;
import org.minisip.server.media.AnchorLeg;
import org.minisip.server.media.MediaServices;
import org.minisip.server.media.Mixer;
import org.minisip.server.media.MixerPort;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Conference rooms: the server answers a call to a room number itself, terminates its RTP/SRTP on an
 * {@link AnchorLeg} (SDES keys of its own) and mixes it into the room's {@link Mixer}, so everyone hears everyone
 * else. With a PIN the caller waits in the lobby (hearing a prompt beep every 2 s) until it keys the PIN as RFC
 * 4733 events or SIP INFO; three wrong PINs or 30 s without one end the call. A full room answers 486. Called
 * with the call's monitor held; a room's own state is guarded by the room object.
 */
final class ConferenceRooms {
    private static final Logger LOG = LoggerFactory.getLogger(ConferenceRooms.class);
    private static final int PIN_TRIES = 3;
    private static final int PIN_SECONDS = 30;

    /** One caller in a room. Guarded by its call's monitor. */
    static final class Participant implements AutoCloseable {
        final Room room;
        final AnchorLeg leg;
        final MixerPort port;
        final StringBuilder digits = new StringBuilder();
        int wrongPins;

        Participant(Room room, AnchorLeg leg, MixerPort port) {
            this.room = room;
            this.leg = leg;
            this.port = port;
        }

        @Override
        public void close() {
            room.leave(this);
            leg.close();
        }
    }

    /** A room with at least one participant: its mixer runs while anyone is in it. */
    static final class Room {
        final Services.ConferenceRoom config;
        private Mixer mixer;
        private int count;

        Room(Services.ConferenceRoom config) {
            this.config = config;
        }

        synchronized MixerPort enter(String who) {
            if (count >= config.maxParticipants()) {
                return null;
            }
            if (mixer == null) {
                mixer = new Mixer("room-" + config.number());
                mixer.start();
            }
            count++;
            return mixer.addPort(who);
        }

        synchronized void leave(Participant p) {
            if (mixer == null) {
                return;
            }
            mixer.removePort(p.port);
            if (--count == 0) {
                mixer.close();
                mixer = null;
            }
        }

        synchronized int size() {
            return count;
        }
    }

    private final Map<String, Room> rooms = new HashMap<>();
    private final MediaServices media;
    private final ScheduledExecutorService scheduler;

    ConferenceRooms(MediaServices media, ScheduledExecutorService scheduler) {
        this.media = media;
        this.scheduler = scheduler;
    }

    private synchronized Room room(Services.ConferenceRoom cfg) {
        return rooms.computeIfAbsent(cfg.number(), n -> new Room(cfg));
    }

    /** Answers {@code call} into the room (or rejects it with a final response). */
    void join(Call call, Services.ConferenceRoom cfg, B2bua b2bua, String callerFacingAddress) {
        call.callee = cfg.number();
        call.notes.add("room=" + cfg.number());
        byte[] body = call.inboundInvite.getRawContent();
        if (body == null || body.length == 0) {
            LOG.info("call {}: room {} needs an SDP offer in the INVITE", call.id, cfg.number());
            b2bua.finishUnanswered(call, Response.NOT_ACCEPTABLE_HERE, "server", -1);
            return;
        }
        Room room = room(cfg);
        MixerPort port = room.enter(call.caller);
        if (port == null) {
            LOG.info("call {}: room {} is full ({} participants)", call.id, cfg.number(), cfg.maxParticipants());
            call.notes.add("room-full");
            b2bua.finishUnanswered(call, Response.BUSY_HERE, "server", -1);
            return;
        }
        AnchorLeg leg = null;
        try {
            SessionDescription offer = SessionDescription.parse(new String(body, StandardCharsets.UTF_8));
            leg = media.openLeg(callerFacingAddress, AnchorLeg.modeFor(offer));
            port.admit(cfg.pin() == null);
            Participant p = new Participant(room, leg, port);
            leg.attach(port, digit -> scheduler.execute(() -> digit(call, p, digit, b2bua)));
            OfferAnswer.Answer a = leg.answer(offer);
            if (!(a instanceof OfferAnswer.Answer.Accepted acc)) {
                p.close();
                b2bua.finishUnanswered(call, Response.NOT_ACCEPTABLE_HERE, "server", -1);
                return;
            }
            call.conference = p;
            b2bua.answerLocally(call, acc.sdp().toString().getBytes(StandardCharsets.UTF_8));
            LOG.info("call {}: {} joined room {} ({} of {}){}", call.id, call.caller, cfg.number(), room.size(),
                    cfg.maxParticipants(), cfg.pin() == null ? "" : ", waiting for the PIN");
            if (cfg.pin() != null) {
                scheduler.schedule(() -> pinTimeout(call, p, b2bua), PIN_SECONDS, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            LOG.warn("call {}: cannot join room {}: {}", call.id, cfg.number(), e.toString());
            if (leg != null) {
                leg.close();
            }
            room.leave(new Participant(room, leg, port));
            b2bua.finishUnanswered(call, Response.NOT_ACCEPTABLE_HERE, "server", -1);
        }
    }

    /** A DTMF digit from a participant (RFC 4733 on its leg, or SIP INFO); runs on the scheduler. */
    void digit(Call call, Participant p, char digit, B2bua b2bua) {
        synchronized (call) {
            LOG.debug("call {}: DTMF {}", call.id, digit);
            String pin = p.room.config.pin();
            if (pin == null || p.port.admitted() || call.state != Call.State.CONFIRMED || call.conference != p) {
                return;
            }
            p.digits.append(digit);
            if (p.digits.length() < pin.length()) {
                return;
            }
            if (p.digits.toString().equals(pin)) {
                p.port.admit(true);
                LOG.info("call {}: PIN accepted for room {}", call.id, p.room.config.number());
                return;
            }
            p.digits.setLength(0);
            if (++p.wrongPins >= PIN_TRIES) {
                LOG.info("call {}: {} wrong PINs for room {}, hanging up", call.id, PIN_TRIES, p.room.config.number());
                call.notes.add("pin-failed");
                b2bua.hangUpLocal(call, "SIP;cause=403;text=\"Wrong conference PIN\"");
            }
        }
    }

    private void pinTimeout(Call call, Participant p, B2bua b2bua) {
        synchronized (call) {
            if (!p.port.admitted() && call.conference == p && call.state == Call.State.CONFIRMED) {
                LOG.info("call {}: no PIN for room {} within {}s", call.id, p.room.config.number(), PIN_SECONDS);
                call.notes.add("pin-timeout");
                b2bua.hangUpLocal(call, "SIP;cause=408;text=\"No conference PIN\"");
            }
        }
    }

    /** Digits of an INFO body ({@code application/dtmf-relay} "Signal=5" or {@code application/dtmf} "5"). */
    static String infoDigits(String contentType, byte[] body) {
        String text = new String(body, StandardCharsets.US_ASCII).trim();
        if (contentType != null && contentType.toLowerCase(java.util.Locale.ROOT).contains("dtmf-relay")) {
            for (String line : text.split("\\r?\\n")) {
                String[] kv = line.split("=", 2);
                if (kv.length == 2 && kv[0].trim().equalsIgnoreCase("Signal")) {
                    return kv[1].trim();
                }
            }
            return "";
        }
        return text.matches("[0-9*#A-Da-d]") ? text : "";
    }
}
