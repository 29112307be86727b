package org.minisip.server.security;

import java.net.InetAddress;
import java.util.List;

/** An ordered set of {@link IpRange}s; immutable, thread-safe. */
public record IpList(List<IpRange> ranges) {
    public static final IpList EMPTY = new IpList(List.of());

    public IpList {
        ranges = List.copyOf(ranges);
    }

    public static IpList of(List<String> entries) {
        return new IpList(entries.stream().map(IpRange::parse).toList());
    }

    public boolean contains(InetAddress a) {
        for (IpRange r : ranges) {
            if (r.contains(a)) {
                return true;
            }
        }
        return false;
    }
}
