package dev.toksmith.vocab.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Temporary outputs are renamed or removed, never left behind, even when the JVM is stopped by a signal. */
class TemporaryOutputsTest {
  @TempDir Path dir;

  @Test
  void committedFileReplacesTheTargetAndLeavesNoTemporaryFile() throws Exception {
    Path target = dir.resolve("out.txt");
    Files.writeString(target, "old");
    AtomicFile.write(target, out -> out.write("new".getBytes(StandardCharsets.UTF_8)));
    assertEquals("new", Files.readString(target));
    assertEquals(List.of(target), listing());
    assertTrue(TemporaryOutputs.inFlight().isEmpty());
  }

  @Test
  void aFailureWhileWritingLeavesTheTargetAsItWas() throws Exception {
    Path target = dir.resolve("out.txt");
    Files.writeString(target, "old");
    IOException e = assertThrows(IOException.class, () -> AtomicFile.write(target, out -> {
      out.write(new byte[100_000]);
      throw new IOException("the content failed");
    }));
    assertEquals("the content failed", e.getMessage());
    assertEquals("old", Files.readString(target));
    assertEquals(List.of(target), listing());
    assertTrue(TemporaryOutputs.inFlight().isEmpty());
  }

  @Test
  void aFailedWriteNamesTheTarget() {
    OutputStream full = new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        throw new IOException("No space left on device");
      }
    };
    IOException e = assertThrows(IOException.class, () -> new NamedOutputStream(full, "out.json").write(new byte[3], 0, 3));
    assertEquals("cannot write to out.json (No space left on device)", e.getMessage());
  }

  @Test
  void temporaryDirectoriesAreRemovedWithTheirFiles() throws Exception {
    Path tmp = TemporaryOutputs.createDirectory(dir.resolve("arrays"));
    Files.writeString(tmp.resolve("a.npy"), "x");
    assertEquals(List.of(tmp), TemporaryOutputs.inFlight());
    TemporaryOutputs.discard(tmp);
    assertEquals(List.of(), listing());
    assertTrue(TemporaryOutputs.inFlight().isEmpty());
  }

  /**
   * SIGTERM (what {@code kill} and {@code Process.destroy} send) and SIGINT (Ctrl-C) stop a JVM that
   * is writing a file and a directory: the shutdown hook removes both temporary outputs, and the
   * targets are never created.
   */
  @ParameterizedTest
  @ValueSource(strings = {"TERM", "INT"})
  void aSignalWhileWritingLeavesNoTemporaryOutput(String signal) throws Exception {
    Assumptions.assumeFalse(signal.equals("INT") && Signals.ignored(Signals.SIGINT), "SIGINT is ignored here (a build started in the background), and so in the JVM it would stop");
    Process p = new ProcessBuilder(javaCommand(WritesForever.class.getName(), dir.toString())).redirectErrorStream(true).start();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      assertEquals("writing", out.readLine());
      assertEquals(2, listing().size(), "the temporary file and directory exist: " + listing());
      assertEquals(0, new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).start().waitFor());
      assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the JVM stops");
    } finally {
      p.destroyForcibly();
    }
    assertEquals(List.of(), listing());
  }

  /** The command that runs {@code mainClass} in a new JVM with this test's class path. */
  static List<String> javaCommand(String mainClass, String... args) {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    return Stream.concat(Stream.of(java.toString(), "-cp", System.getProperty("java.class.path"), mainClass), Stream.of(args)).toList();
  }

  private List<Path> listing() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.sorted().toList();
    }
  }

  /** Starts writing {@code DIR/file.txt} and {@code DIR/arrays}, says so, and never finishes. */
  public static final class WritesForever {
    public static void main(String[] args) throws Exception {
      Path dir = Path.of(args[0]);
      AtomicFile file = new AtomicFile(dir.resolve("file.txt"));
      file.stream().write(new byte[1 << 20]);
      file.stream().flush();
      Path arrays = TemporaryOutputs.createDirectory(dir.resolve("arrays"));
      Files.writeString(arrays.resolve("ids.npy"), "partial");
      System.out.println("writing");
      System.out.flush();
      Thread.sleep(Long.MAX_VALUE);
    }
  }
}
