package dev.toksmith.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The picocli every start loads is the one the build compiles from picocli's sources (the picocli
 * module), not picocli's own jar: class files of Java 6 or later (with stack maps, so the JVM verifies
 * them once, when the launcher writes its class-data archive, where Java 5 class files were verified
 * again on every start), and without invokedynamic string concatenation (which would spin method
 * handles on every start).
 */
class PicocliClassFilesTest {
  /** Class file major version of Java 6, the first with stack maps. */
  private static final int JAVA_6 = 50;

  @Test
  void picocliIsCompiledFromSourceForTheSplitVerifier() throws Exception {
    Path location = Path.of(CommandLine.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    try (FileSystem jar = Files.isDirectory(location) ? null : FileSystems.newFileSystem(location)) {
      Path root = jar == null ? location : jar.getPath("/");
      List<Path> classes;
      try (Stream<Path> files = Files.walk(root.resolve("picocli"))) {
        classes = files.filter(f -> f.toString().endsWith(".class")).toList();
      }
      assertTrue(classes.size() > 100, location + ": " + classes.size() + " classes");
      for (Path file : classes) {
        byte[] bytes = Files.readAllBytes(file);
        int major = (bytes[6] & 0xff) << 8 | (bytes[7] & 0xff);
        assertTrue(major >= JAVA_6, file + ": class file version " + major);
        assertFalse(new String(bytes, StandardCharsets.ISO_8859_1).contains("makeConcatWithConstants"), file + " concatenates through invokedynamic");
      }
      assertTrue(Files.exists(root.resolve("META-INF/picocli/LICENSE")), "picocli's licence beside its classes");
    }
  }
}
