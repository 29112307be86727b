package org.minisip.phone.cli;

import org.slf4j.LoggerFactory;

/**
 * Routes Ctrl-C (SIGINT) and SIGTERM to a stop request instead of killing the JVM at once, so the phone can send
 * CANCEL/BYE and unregister and still exit with the status the call earned. Uses {@code sun.misc.Signal}
 * (module jdk.unsupported); where that is unavailable, a shutdown hook asks for the stop and waits briefly.
 */
public final class Signals {
    private Signals() {
    }

    /** Installs the handlers; {@code onStop} must only queue work (it runs on a signal-dispatch thread). */
    public static void onStop(Runnable onStop) {
        try {
            sun.misc.SignalHandler h = sig -> onStop.run();
            sun.misc.Signal.handle(new sun.misc.Signal("INT"), h);
            sun.misc.Signal.handle(new sun.misc.Signal("TERM"), h);
        } catch (Throwable e) {
            LoggerFactory.getLogger(Signals.class).debug("signal handlers unavailable ({}); using a shutdown hook",
                    e.toString());
            Runtime.getRuntime().addShutdownHook(new Thread(onStop, "phone-stop"));
        }
    }
}
