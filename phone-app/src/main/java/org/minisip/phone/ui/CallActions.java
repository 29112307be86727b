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
}
