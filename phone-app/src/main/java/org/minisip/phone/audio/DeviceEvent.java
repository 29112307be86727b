package org.minisip.phone.audio;

/**
 * A sound device of a call went away or came back (see {@link DeviceBackend}).
 *
 * @param kind     microphone or speaker
 * @param device   the device concerned (lost, or back again); null means the system default device
 * @param lost     true: {@code device} stopped working or was unplugged; false: the call moved (back) to it
 * @param nowUsing what the call uses from now on
 */
public record DeviceEvent(Kind kind, String device, boolean lost, Using nowUsing) {

    public enum Kind { MICROPHONE, SPEAKER }

    /** The device the call uses after the change. */
    public enum Using { CHOSEN, SYSTEM_DEFAULT, NONE }
}
