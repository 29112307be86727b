package org.minisip.phone.ui;

import org.minisip.phone.audio.DeviceEvent;
import org.minisip.phone.audio.DeviceEvent.Kind;
import org.minisip.phone.audio.DeviceEvent.Using;

/** The user's words for a {@link DeviceEvent}. No Swing. */
final class DeviceNotices {
    private DeviceNotices() {
    }

    static String text(Messages msg, DeviceEvent e) {
        String k = e.kind() == Kind.MICROPHONE ? "device.mic." : "device.spk.";
        String name = e.device() == null ? msg.get("device.systemDefault") : e.device();
        if (!e.lost()) {
            return e.nowUsing() == Using.CHOSEN && e.device() != null ? msg.get(k + "back", name)
                    : msg.get(k + "default");
        }
        if (e.nowUsing() == Using.SYSTEM_DEFAULT) {
            return msg.get(k + "toDefault", name);
        }
        return msg.get(k + "none", e.device() == null ? name : "\u201c" + name + "\u201d");
    }
}
