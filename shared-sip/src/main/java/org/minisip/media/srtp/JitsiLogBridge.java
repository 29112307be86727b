package org.minisip.media.srtp;

import java.util.Map;
import java.util.function.Supplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import org.jitsi.utils.logging2.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes jitsi-srtp's logger to SLF4J. Everything jitsi reports per packet (replay, auth
 * failure) is demoted to trace (errors to debug) because {@link SrtpSession} counts those events instead.
 * Stateless and thread-safe.
 */
final class JitsiLogBridge implements Logger {

    private final org.slf4j.Logger log;

    JitsiLogBridge(String name) {
        this.log = LoggerFactory.getLogger(name);
    }

    @Override
    public Logger createChildLogger(String name, Map<String, String> context) {
        return new JitsiLogBridge(name);
    }

    @Override
    public Logger createChildLogger(String name) {
        return new JitsiLogBridge(name);
    }

    @Override
    public void setUseParentHandlers(boolean b) {
    }

    @Override
    public void addHandler(Handler handler) {
    }

    @Override
    public void removeHandler(Handler handler) {
    }

    @Override
    public boolean isTraceEnabled() {
        return log.isTraceEnabled();
    }

    @Override
    public void trace(Object msg) {
        log.trace("{}", msg);
    }

    @Override
    public void trace(Supplier<String> msg) {
        if (log.isTraceEnabled()) {
            log.trace(msg.get());
        }
    }

    @Override
    public boolean isDebugEnabled() {
        return log.isTraceEnabled();
    }

    @Override
    public void debug(Object msg) {
        log.trace("{}", msg);
    }

    @Override
    public void debug(Supplier<String> msg) {
        if (log.isTraceEnabled()) {
            log.trace(msg.get());
        }
    }

    @Override
    public boolean isInfoEnabled() {
        return log.isTraceEnabled();
    }

    @Override
    public void info(Object msg) {
        debug(msg);
    }

    @Override
    public void info(Supplier<String> msg) {
        debug(msg);
    }

    @Override
    public boolean isWarnEnabled() {
        return log.isTraceEnabled();
    }

    @Override
    public void warn(Object msg) {
        debug(msg);
    }

    @Override
    public void warn(Supplier<String> msg) {
        debug(msg);
    }

    @Override
    public void warn(Object msg, Throwable t) {
        log.debug("{}", msg, t);
    }

    @Override
    public void error(Object msg) {
        log.debug("{}", msg);
    }

    @Override
    public void error(Supplier<String> msg) {
        if (log.isDebugEnabled()) {
            log.debug(msg.get());
        }
    }

    @Override
    public void error(Object msg, Throwable t) {
        log.debug("{}", msg, t);
    }

    @Override
    public void setLevelError() {
    }

    @Override
    public void setLevelWarn() {
    }

    @Override
    public void setLevelInfo() {
    }

    @Override
    public void setLevelDebug() {
    }

    @Override
    public void setLevelTrace() {
    }

    @Override
    public void setLevelAll() {
    }

    @Override
    public void setLevelOff() {
    }

    @Override
    public void setLevel(Level level) {
    }

    @Override
    public Level getLevel() {
        return log.isDebugEnabled() ? Level.FINE : Level.WARNING;
    }

    @Override
    public void addContext(Map<String, String> context) {
    }

    @Override
    public void addContext(String key, String value) {
    }
}
