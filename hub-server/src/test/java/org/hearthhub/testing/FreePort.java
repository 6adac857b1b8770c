package org.hearthhub.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/**
 * A loopback port free at the moment of asking, for the servers that must name their port before they
 * listen (redis-server's {@code --port}); their starts retry when another process binds it first. Servers
 * that can listen on port 0 and say which port they got (the hub) do that instead.
 */
public final class FreePort {
    private FreePort() {
    }

    public static int pick() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
