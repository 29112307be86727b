package org.minisip.phone.ui;

/** What a call window asks of the phone. Called on the EDT; implementations return at once. */
interface CallActions {
    void hangup(String callId);

    void sendDtmf(String callId, char digit);

    void setMuted(boolean muted);

    /** Speaker volume 0..200 %. */
    void setVolume(int percent);

    /** True when the engine can put calls on hold (the Hold button is disabled otherwise). */
    boolean canHold();

    void hold(String callId, boolean hold);

    /** Blind transfer (REFER) of an established call to what the user typed; progress comes back as call state. */
    void transfer(String callId, String typedTarget);

    /** Other established calls this one could be connected to (attended transfer), as call id → who. */
    java.util.Map<String, String> otherCalls(String callId);

    /** Attended transfer: connects the peer of {@code callId} with the peer of {@code otherCallId} (REFER+Replaces). */
    void attendedTransfer(String callId, String otherCallId);
}
