package dev.toksmith.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code toksmith} and {@code train} build their command line without reading annotations (see
 * {@link FieldOptions}): a fresh JVM that trains spins no annotation proxy class, where a command
 * still declared by annotations spins several (which shows the check can see them).
 */
class TrainWithoutAnnotationsTest {
  @TempDir Path dir;

  /** The classes a fresh JVM running {@code toksmith args} loaded, from its class-load log. */
  private List<String> loadedClasses(String... args) throws IOException, InterruptedException {
    Path log = dir.resolve("classes.log");
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xshare:off", "-Xlog:class+load=info:file=" + log, "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("output.txt").toFile()).start();
    assertEquals(0, process.waitFor(), Files.readString(dir.resolve("output.txt"), StandardCharsets.UTF_8));
    List<String> classes = Files.readAllLines(log, StandardCharsets.UTF_8);
    assertTrue(classes.stream().anyMatch(line -> line.contains(" dev.toksmith.cli.Main ")), "the log names the classes loaded");
    return classes;
  }

  private static boolean spinsProxies(List<String> classes) {
    return classes.stream().anyMatch(line -> line.contains("$Proxy"));
  }

  @Test
  void aTrainingReadsNoAnnotation() throws Exception {
    Files.writeString(dir.resolve("corpus.txt"), "the quick brown fox jumps over the lazy dog\n");
    assertFalse(spinsProxies(loadedClasses("train", "--type", "wordlevel", "--min-frequency", "1", "-o", "out.json", "corpus.txt")));
    assertTrue(Files.readString(dir.resolve("out.json"), StandardCharsets.UTF_8).contains("\"quick\""));
  }

  @Test
  void anAnnotatedCommandSpinsProxies() throws Exception {
    assertTrue(spinsProxies(loadedClasses("decode", "--help")));
  }
}
