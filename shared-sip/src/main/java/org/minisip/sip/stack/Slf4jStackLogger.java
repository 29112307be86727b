package org.minisip.sip.stack;

import gov.nist.core.CommonLogger;
import gov.nist.core.LogLevels;
import gov.nist.core.StackLogger;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes JAIN-SIP's internal logging to SLF4J (logger {@code javax.sip}), so log4j 1.x never loads.
 * Instantiated reflectively by JAIN-SIP (gov.nist.javax.sip.STACK_LOGGER).
 */
public final class Slf4jStackLogger implements StackLogger {
    private static final Logger LOG = LoggerFactory.getLogger("javax.sip");

    /**
     * Installs the bridge before any JAIN-SIP class logs (its loggers otherwise fall back to log4j 1.x, which
     * is not on the classpath). JAIN-SIP keeps this in a static field of its own; calling it again is harmless.
     */
    public static void install() {
        CommonLogger.useLegacyLogger = true;
        if (!(CommonLogger.legacyLogger instanceof Slf4jStackLogger)) {
            CommonLogger.legacyLogger = new Slf4jStackLogger();
        }
    }

    @Override public void logStackTrace() { if (LOG.isTraceEnabled()) LOG.trace("stack trace", new Throwable()); }
    @Override public void logStackTrace(int level) { logStackTrace(); }
    @Override public int getLineCount() { return 0; }
    @Override public void logException(Throwable ex) { LOG.warn("JAIN-SIP exception", ex); }
    @Override public void logDebug(String message) { LOG.debug(message); }
    @Override public void logDebug(String message, Exception ex) { LOG.debug(message, ex); }
    @Override public void logTrace(String message) { LOG.trace(message); }
    @Override public void logFatalError(String message) { LOG.error(message); }
    @Override
    public void logError(String message) {
        if (peerInput(message)) {
            LOG.debug(message);
        } else {
            LOG.error(message);
        }
    }
    @Override public boolean isLoggingEnabled() { return true; }

    @Override
    public boolean isLoggingEnabled(int level) {
        return switch (level) {
            case LogLevels.TRACE_FATAL, LogLevels.TRACE_ERROR -> LOG.isErrorEnabled();
            case LogLevels.TRACE_WARN -> LOG.isWarnEnabled();
            case LogLevels.TRACE_INFO -> LOG.isInfoEnabled();
            case LogLevels.TRACE_DEBUG -> LOG.isDebugEnabled();
            case LogLevels.TRACE_TRACE -> LOG.isTraceEnabled();
            default -> false;
        };
    }

    /**
     * JAIN-SIP reports bad input from peers at ERROR, some with the whole datagram as a decimal byte list and a
     * stack trace: a malformed-traffic flood then wrote 2 GB of log in 10 minutes. Those go to DEBUG.
     */
    private static boolean peerInput(String message) {
        return message != null && (message.startsWith("Error while processing incoming UDP packet")
                || message.startsWith("bad message") || message.startsWith(">>> Dropped Bad Msg")
                || message.startsWith("Dropping Badly formatted") || message.startsWith("Dropping response message")
                || message.startsWith("Can't process message") || message.startsWith("Error occured processing"));
    }

    @Override
    public void logError(String message, Exception ex) {
        if (peerInput(message)) {
            LOG.debug("{}: {}", message.length() > 200 ? message.substring(0, 200) + "..." : message, ex.toString());
        } else if (ex instanceof ConnectionGate.RefusedConnectionException) {
            LOG.debug("{}: {}", message, ex.getMessage());   // our own refusal of a connection, not a fault
        } else {
            LOG.error(message, ex);
        }
    }
    @Override
    public void logWarning(String message) {
        if (message != null && message.startsWith("Null request interface returned")) {
            LOG.debug(message);   // a request our InboundGuard dropped (ban, flood, scanner): counted, not logged
        } else {
            LOG.warn(message);
        }
    }
    @Override public void logInfo(String message) { LOG.info(message); }
    @Override public void disableLogging() { }
    @Override public void enableLogging() { }
    @Override public void setBuildTimeStamp(String buildTimeStamp) { }
    @Override public void setStackProperties(Properties stackProperties) { }
    @Override public String getLoggerName() { return LOG.getName(); }
}
