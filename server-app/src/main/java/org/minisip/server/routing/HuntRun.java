package org.minisip.server.routing;

import java.util.List;
import org.minisip.server.config.Services;

/** One call's walk through a hunting group's members. Guarded by the owning {@link Call}'s monitor. */
final class HuntRun {
    final Services.HuntGroup group;
    final List<String> order;
    int next;
    /** Some member was busy (on a call or answered 486): the final answer is 486. */
    boolean sawBusy;
    /** Some member rang without answering: the final answer is 408 (unless one was busy). */
    boolean sawRinging;

    HuntRun(Services.HuntGroup group, List<String> order) {
        this.group = group;
        this.order = order;
    }
}
