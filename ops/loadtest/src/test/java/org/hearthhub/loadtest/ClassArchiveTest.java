package org.hearthhub.loadtest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The class archive that ops/Containerfile builds and docs/operations.md has operators make for the systemd
 * unit, made the same way from the real hub jar (this module is built after it): the hub runs on a throwaway
 * data directory until it is stopped (SIGTERM, as `timeout -s TERM` stops it), the JVM writes the archive as
 * it exits, and a JVM told it must use that archive ({@code -Xshare:on}, which refuses to start otherwise)
 * starts the hub's own classes from it.
 */
class ClassArchiveTest {
    private static final Path HUB_JAR = Path.of("..", "..", "hub-server", "target", "hearth-hub.jar");

    @Test
    void aHubStoppedAfterItsStartLeavesAnArchiveItsNextStartUses(@TempDir Path dir) throws Exception {
        assertTrue(Files.isRegularFile(HUB_JAR), "the hub jar is built before this module's tests (mvn verify from the root)");
        Path archive = dir.resolve("hearth.jsa");
        Path data = Files.createDirectories(dir.resolve("data"));
        Path log = dir.resolve("dump.log");
        ProcessBuilder dump = new ProcessBuilder(java(), "-Xmx256m", "-XX:+UseG1GC", "-XX:ArchiveClassesAtExit=" + archive,
                "-jar", HUB_JAR.toString()).redirectErrorStream(true).redirectOutput(log.toFile());
        dump.environment().keySet().removeIf(k -> k.startsWith("HEARTH_"));
        dump.environment().put("HEARTH_DATA_DIR", data.toString());
        dump.environment().put("HEARTH_PORT", "0"); // any free port, as the documented command
        dump.environment().put("HEARTH_HOST", "127.0.0.1");
        Process hub = dump.start();
        try {
            String ready = awaitLine(log, "Hearth hub ready", hub);
            Matcher port = Pattern.compile("on http://localhost:(\\d+) \\(port (\\d+),").matcher(ready);
            assertTrue(port.find() && port.group(1).equals(port.group(2)) && !port.group(1).equals("0"),
                    "the ready line names the port the hub got: " + ready);
        } finally {
            hub.destroy(); // SIGTERM: the hub stops and the JVM exits, writing the archive
            assertTrue(hub.waitFor(60, TimeUnit.SECONDS), "the hub stops on SIGTERM");
        }
        assertTrue(Files.size(archive) > 1_000_000, "an archive of the classes loaded");

        Process help = new ProcessBuilder(java(), "-Xshare:on", "-XX:SharedArchiveFile=" + archive, "-Xlog:class+load=info",
                "-jar", HUB_JAR.toString(), "--help").redirectErrorStream(true).start();
        String out = new String(help.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(help.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, help.exitValue(), out.lines().limit(5).toList().toString());
        assertTrue(out.contains("org.hearthhub.Main source: shared objects file (top)"), "the hub's own classes come from the archive");
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String awaitLine(Path log, String text, Process process) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            for (String line : lines) {
                if (line.contains(text)) return line;
            }
            if (!process.isAlive()) throw new AssertionError("the hub exited: " + lines);
            Thread.sleep(100);
        }
        throw new AssertionError("no '" + text + "' in " + Files.readString(log));
    }
}
