package org.minisip.server.trunk;

import org.minisip.server.config.TrunkConfig;

/** A dialled number that leaves through {@code trunk}: {@code number} is what the carrier sees (prefix stripped). */
public record OutboundTarget(TrunkConfig trunk, String dialled, String number) {
}
