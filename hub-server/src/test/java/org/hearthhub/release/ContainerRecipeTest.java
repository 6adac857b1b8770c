package org.hearthhub.release;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The container recipe runs the jar the build makes, as an unprivileged user, with the unit's JVM limits. */
class ContainerRecipeTest {
    private static final Path RECIPE = Path.of("..", "ops", "Containerfile");

    @Test
    void theImageRunsTheShadedJarAsANonRootUser() throws Exception {
        List<String> lines = Files.readAllLines(RECIPE).stream().filter(l -> !l.startsWith("#")).toList();
        String recipe = String.join("\n", lines);
        String pom = Files.readString(Path.of("pom.xml"));
        Matcher jar = Pattern.compile("<finalName>([^<]+)</finalName>").matcher(pom);
        assertTrue(jar.find(), "the shade plugin names the jar");
        assertTrue(recipe.contains("COPY " + jar.group(1) + ".jar "), "copies the jar mvn package builds");

        Matcher user = Pattern.compile("(?m)^USER (\\S+)").matcher(recipe);
        assertTrue(user.find(), "a USER line");
        String last = user.group(1);
        while (user.find()) last = user.group(1);
        assertNotEquals("root", last);
        assertNotEquals("0", last.split(":")[0], "the hub never runs as root");
        assertTrue(recipe.contains("-XX:+ExitOnOutOfMemoryError") && recipe.contains("-Xmx1g"), "the unit's JVM limits");
        assertTrue(recipe.contains("\"-XX:+UseG1GC\", \"-XX:-ClassUnloadingWithConcurrentMark\""),
                "the collector the benchmarks measured, without its class unloading in the remark pause (docs/operations.md)");
        assertTrue(recipe.matches("(?s).*FROM \\S+:17-jre.*"), "a Java 17 runtime");
        Matcher archive = Pattern.compile("\"-XX:SharedArchiveFile=(\\S+?)\"").matcher(recipe);
        assertTrue(archive.find(), "the hub starts from a class archive");
        assertTrue(recipe.contains("-XX:ArchiveClassesAtExit=" + archive.group(1) + " -jar /opt/hearth/hearth-hub.jar"),
                "the image makes that archive from the jar it runs");
        assertTrue(recipe.indexOf("ArchiveClassesAtExit") < recipe.indexOf("\nUSER "), "as root, before the hub's user takes over");
        assertEquals(1, recipe.split("VOLUME /var/lib/hearth", -1).length - 1, "the data directory is a volume");
    }

    @Test
    void theContainerAndTheSystemdUnitRunTheJvmAlike() throws Exception {
        String recipe = Files.readString(RECIPE);
        Matcher entry = Pattern.compile("ENTRYPOINT \\[\"java\", (.*?), \"-jar\"").matcher(recipe);
        assertTrue(entry.find(), "an ENTRYPOINT that starts java");
        String options = entry.group(1).replace("\"", "").replace(", ", " ");
        String unit = Files.readString(Path.of("..", "ops", "systemd", "hearth-hub@.service"));
        assertTrue(unit.contains("ExecStart=/usr/bin/java " + options + " -jar "),
                "the unit starts java with the container's options: " + options);
    }
}
