package dev.toksmith.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toksmith.vocab.io.Signals;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A run stopped by SIGTERM or SIGINT (Ctrl-C) leaves no temporary output: here {@code merge}, whose
 * {@code --vocab-out} file is being written for as long as input arrives, is stopped while it waits
 * for more input.
 */
class InterruptedRunCliTest {
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"TERM", "INT"})
  void aStoppedRunLeavesNoTemporaryFile(String signal) throws Exception {
    Assumptions.assumeFalse(signal.equals("INT") && Signals.ignored(Signals.SIGINT), "SIGINT is ignored here (a build started in the background), and so in the JVM it would stop");
    Path vocab = dir.resolve("new-tokens.jsonl");
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process p = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"), Main.class.getName(),
        "merge", "-t", "gpt2", "--batch-size", "2", "--merges", "1", "--vocab-out", vocab.toString())
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    try (OutputStream stdin = p.getOutputStream()) {
      // Two batches go through; then the run waits for more input, with the vocabulary file half written.
      stdin.write("the court held that\nthe court held\nthe court\nthe\n".getBytes(StandardCharsets.UTF_8));
      stdin.flush();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (temporaryFiles().isEmpty() && System.nanoTime() < deadline) Thread.sleep(20);
      assertEquals(1, temporaryFiles().size(), "the vocabulary file is being written: " + listing());
      assertEquals(0, new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).start().waitFor());
      assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the run stops");
    } finally {
      p.destroyForcibly();
    }
    assertEquals(List.of(), listing(), "neither the temporary file nor the unfinished target");
  }

  private List<Path> temporaryFiles() throws IOException {
    return listing().stream().filter(f -> f.getFileName().toString().endsWith(".tmp")).toList();
  }

  private List<Path> listing() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.sorted().toList();
    }
  }
}
