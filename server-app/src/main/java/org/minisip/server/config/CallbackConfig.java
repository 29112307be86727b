package org.minisip.server.config;

/**
 * The UDP call-back service ({@code callback:}): {@code port} 0 disables it; requests are accepted only from
 * {@code applicationServer} (an IP address, default 127.0.0.1), everything else is dropped unanswered.
 */
public record CallbackConfig(int port, String applicationServer) {
}
