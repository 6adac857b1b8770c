package org.hearthhub.abuse;

import org.hearthhub.loadtest.Spawned;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A hub started as an operator runs it: {@code java <jvm options> -jar hearth-hub.jar}, HEARTH_* in the environment,
 * on a port it takes itself and writes to its port file.
 */
final class JarTarget implements Target {
    private final Spawned process;
    private final Path workDir;

    private JarTarget(Spawned process, Path workDir) {
        this.process = process;
        this.workDir = workDir;
    }

    static Factory factory(Path jar, List<String> jvmOptions) {
        return env -> {
            Path workDir = Files.createTempDirectory("hearth-abuse-");
            Path data = Files.createDirectories(workDir.resolve("data"));
            Path portFile = workDir.resolve("hub.port");
            Map<String, String> all = new HashMap<>(env);
            all.put("HEARTH_PORT", "0");
            all.put("HEARTH_PORT_FILE", portFile.toString());
            all.put("HEARTH_HOST", "127.0.0.1");
            all.put("HEARTH_DATA_DIR", data.toString());
            List<String> cmd = new ArrayList<>(List.of(Spawned.java().toString()));
            cmd.addAll(jvmOptions);
            cmd.addAll(List.of("-jar", jar.toString()));
            // 127.0.0.1, the address the sides' clients reach from theirs (they send no Origin, so the public URL,
            // http://localhost:<port>, does not count).
            return new JarTarget(Spawned.start("hub", cmd, all, portFile, "127.0.0.1", workDir.resolve("hub.log")), workDir);
        };
    }

    @Override
    public String url() {
        return process.url;
    }

    @Override
    public long pid() {
        return process.pid();
    }

    @Override
    public Path dataDir() {
        return workDir.resolve("data");
    }

    @Override
    public String exit() {
        if (process.process.isAlive()) return null;
        String last;
        try (Stream<String> lines = Files.lines(process.log)) {
            last = lines.filter(l -> !l.isBlank()).reduce((a, b) -> b).orElse("");
        } catch (Exception e) {
            last = "";
        }
        return "exited with " + process.process.exitValue() + (last.isEmpty() ? "" : "; last log line: " + last);
    }

    @Override
    public void close() throws Exception {
        process.close();
        try (Stream<Path> all = Files.walk(workDir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
