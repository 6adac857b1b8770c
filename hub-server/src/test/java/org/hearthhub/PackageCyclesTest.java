package org.hearthhub;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hub's packages import each other without cycles (docs/architecture.md, "Packages"): two packages
 * that need each other's classes are one tangle to read, test and change. Read from the sources, so a
 * new import that closes a cycle fails here with the cycle named.
 */
class PackageCyclesTest {
    private static final Path SOURCES = Path.of("src/main/java/org/hearthhub");
    /** {@code org.hearthhub.pkg.Class}, imported or written out in the code. */
    private static final Pattern REFERENCE = Pattern.compile("\\borg\\.hearthhub\\.([a-z0-9_]+)\\.[A-Z]");

    /** Package → the other hub packages its main classes refer to. */
    private static Map<String, Set<String>> imports() throws IOException {
        Map<String, Set<String>> graph = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Path dir = SOURCES.relativize(file.getParent());
                if (dir.toString().isEmpty()) continue; // Hub and Main wire everything by design
                String pkg = dir.toString().replace(java.io.File.separatorChar, '.');
                Set<String> uses = graph.computeIfAbsent(pkg, p -> new TreeSet<>());
                Matcher m = REFERENCE.matcher(Files.readString(file));
                while (m.find()) if (!m.group(1).equals(pkg)) uses.add(m.group(1));
            }
        }
        return graph;
    }

    /** A path from {@code to} back to {@code from}, if {@code from} imports {@code to} and {@code to} reaches back. */
    private static List<String> cycleThrough(Map<String, Set<String>> graph, String from) {
        Deque<List<String>> paths = new ArrayDeque<>();
        Set<String> seen = new TreeSet<>();
        for (String next : graph.getOrDefault(from, Set.of())) paths.add(List.of(from, next));
        while (!paths.isEmpty()) {
            List<String> path = paths.poll();
            String last = path.get(path.size() - 1);
            if (last.equals(from)) return path;
            if (!seen.add(last)) continue;
            for (String next : graph.getOrDefault(last, Set.of())) {
                List<String> longer = new ArrayList<>(path);
                longer.add(next);
                paths.add(longer);
            }
        }
        return List.of();
    }

    @Test
    void noPackageReachesItselfThroughItsImports() throws IOException {
        Map<String, Set<String>> graph = imports();
        assertTrue(graph.containsKey("live") && graph.containsKey("chat"), "the sources were found: " + graph.keySet());
        List<String> cycles = new ArrayList<>();
        for (String pkg : graph.keySet()) {
            List<String> cycle = cycleThrough(graph, pkg);
            if (!cycle.isEmpty()) cycles.add(String.join(" -> ", cycle));
        }
        assertEquals(List.of(), cycles);
    }

    @Test
    void theDomainRecordsAndTheLiveStoreImportNoServiceLayer() throws IOException {
        Map<String, Set<String>> graph = imports();
        assertEquals(Set.of(), graph.get("model"));
        Set<String> lower = Set.of("actor", "config", "model", "redis");
        assertTrue(lower.containsAll(graph.get("live")), "live imports " + graph.get("live"));
    }
}
