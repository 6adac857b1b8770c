package org.hearthhub;

import org.hearthhub.testing.HubProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hub as {@code java -jar} starts it waits on Linux's epoll on x86-64, where the jar carries Netty's
 * native transport: on Java NIO's selector one message in twenty waited ~0.5 ms for an idle event loop
 * (docs/benchmark-history.md, History 6). Elsewhere it runs on NIO, and says so.
 */
class NativeTransportTest {

    @Test
    void theHubSaysItsEventLoopsWaitOnEpollOnLinuxX86(@TempDir Path dataDir) throws Exception {
        boolean nativeHere = System.getProperty("os.name").toLowerCase().contains("linux")
                && List.of("amd64", "x86_64").contains(System.getProperty("os.arch"));
        String expected = "event loops on " + (nativeHere ? "epoll" : "Java NIO");
        try (HubProcess hub = HubProcess.start(List.of(), dataDir, Map.of())) {
            // The hub logs its ready line before it writes the port file that HubProcess waits for.
            assertTrue(hub.output().contains(expected), "the ready line names the transport: " + hub.output());
        }
    }
}
