package org.minisip.sip.stack;

/**
 * Bounds on inbound messages and connections, enforced below the SIP layer.
 *
 * @param maxMessageBytes    largest message (headers + body) on any transport; larger UDP requests get 400 (when
 *                           enough of them parses to answer) or are dropped; a stream carrying one is closed
 * @param maxHeaders         most header lines in one message
 * @param maxLineBytes       longest single header line
 * @param maxConnectionsPerIp open TCP+TLS connections one address may hold (0 = unlimited)
 * @param idleSeconds        TCP/TLS connections with no traffic this long are closed (RFC 5626 keep-alives count)
 */
public record InputLimits(int maxMessageBytes, int maxHeaders, int maxLineBytes, int maxConnectionsPerIp,
                          int idleSeconds) {
    /** Defaults for any endpoint: 64 KiB, 256 headers, 8 KiB lines, no per-address cap, 2 h idle (JAIN-SIP's). */
    public static final InputLimits DEFAULT = new InputLimits(65536, 256, 8192, 0, 7200);

    public InputLimits {
        if (maxMessageBytes < 1024 || maxHeaders < 8 || maxLineBytes < 256 || maxConnectionsPerIp < 0
                || idleSeconds < 1) {
            throw new IllegalArgumentException("input limits out of range");
        }
    }
}
