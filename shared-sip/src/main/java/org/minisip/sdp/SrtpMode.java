package org.minisip.sdp;

/**
 * How the local side uses SDES-keyed SRTP (RFC 4568).
 * <ul>
 * <li>{@link #OFF}: plain RTP; an RTP/SAVP offer is refused.</li>
 * <li>{@link #OPTIONAL}: offer RTP/AVP with {@code a=crypto} (best-effort SRTP); accept either.</li>
 * <li>{@link #MANDATORY}: offer RTP/SAVP with {@code a=crypto}; refuse sessions without usable crypto.</li>
 * </ul>
 */
public enum SrtpMode { OFF, OPTIONAL, MANDATORY }
