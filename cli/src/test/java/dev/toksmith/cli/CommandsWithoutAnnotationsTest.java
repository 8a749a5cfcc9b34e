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
 * toksmith's commands build their command line without reading annotations (see {@link
 * FieldOptions}): a fresh JVM that trains, encodes or decodes spins no annotation proxy class, where
 * picocli's {@code help} command, declared by annotations, spins several (which shows the check can
 * see them).
 */
class CommandsWithoutAnnotationsTest {
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

  /** A one-line encode (on the default threads: its tokenizer loads beside the parse) and its decode (one thread) give the line back. */
  @Test
  void anEncodeAndADecodeReadNoAnnotation() throws Exception {
    String line = "Caf\u00e9 \u4e2d\u6587, the lazy dog \ud83d\ude00\n";
    Files.writeString(dir.resolve("line.txt"), line, StandardCharsets.UTF_8);
    assertFalse(spinsProxies(loadedClasses("encode", "-t", "o200k_base", "-o", "ids.txt", "line.txt")));
    assertTrue(Files.readString(dir.resolve("ids.txt"), StandardCharsets.US_ASCII).matches("[0-9]+( [0-9]+)+\n"));
    assertFalse(spinsProxies(loadedClasses("decode", "-t", "o200k_base", "--threads", "1", "-o", "text.txt", "ids.txt")));
    assertEquals(line, Files.readString(dir.resolve("text.txt"), StandardCharsets.UTF_8));
  }

  @Test
  void inspectReadsNoAnnotation() throws Exception {
    assertFalse(spinsProxies(loadedClasses("inspect", "-t", "gpt2")));
    assertTrue(Files.readString(dir.resolve("output.txt"), StandardCharsets.UTF_8).contains("50257"), "GPT-2's vocabulary size");
  }

  @Test
  void anAnnotatedCommandSpinsProxies() throws Exception {
    assertTrue(spinsProxies(loadedClasses("help", "encode")));
  }
}
