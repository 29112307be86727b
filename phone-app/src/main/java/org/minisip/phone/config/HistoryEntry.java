package org.minisip.phone.config;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;

/**
 * One call in the history.
 *
 * @param start           when the call was placed or arrived
 * @param direction       incoming, outgoing or missed (an incoming call that was never answered here)
 * @param peer            the other side's number or URI, as dialed or as the From header gave it
 * @param peerName        the other side's display name, or null
 * @param durationSeconds talk time, 0 when never answered
 * @param result          {@code answered}, or the failure: {@code 486 Busy Here}, {@code cancelled}, ...
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record HistoryEntry(Instant start, Direction direction, String peer, String peerName, long durationSeconds,
                           String result) {

    public enum Direction { INCOMING, OUTGOING, MISSED }
}
