package dev.toksmith.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The HotSpot compile commands the launcher passes ({@code src/main/jvm/compile-commands}): every
 * pattern still names code that exists (a method renamed would silently leave the optimizing compiler
 * at work on it), and the JVM takes the file without writing anything to standard output, where the
 * ids go.
 */
class CompileCommandsTest {
  /** Tests run in the cli module's directory. */
  private static final Path FILE = Path.of("src", "main", "jvm", "compile-commands");

  private static List<String> patterns() throws Exception {
    return Files.readAllLines(FILE).stream()
        .filter(line -> line.startsWith("MaxNodeLimit,") || line.startsWith("CompileThresholdScaling,"))
        .map(line -> line.split(",")[1])
        .toList();
  }

  @Test
  void everyPatternNamesCodeThatExists() throws Exception {
    List<String> patterns = patterns();
    assertFalse(patterns.isEmpty());
    for (String pattern : patterns) {
      int dot = pattern.lastIndexOf('.');
      String type = pattern.substring(0, dot);
      String method = pattern.substring(dot + 1);
      if (type.endsWith("/*")) {
        assertEquals("*", method, pattern);
        assertNotNull(getClass().getClassLoader().getResource(type.substring(0, type.length() - 1)), "no package " + pattern);
        continue;
      }
      Class<?> c = Class.forName(type.replace('/', '.'), false, getClass().getClassLoader());
      boolean found = method.equals("<init>") ? c.getDeclaredConstructors().length > 0
          : Arrays.stream(c.getDeclaredMethods()).map(Method::getName)
              .anyMatch(name -> method.endsWith("*") ? name.startsWith(method.substring(0, method.length() - 1)) : name.equals(method));
      assertTrue(found, "no method " + pattern);
    }
  }

  @Test
  void theJvmTakesTheFileQuietly() throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process p = new ProcessBuilder(java.toString(), "-XX:CompileCommandFile=" + FILE.toAbsolutePath(), "-version").start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), err);
    assertEquals("", out);
    assertFalse(err.contains("CompileCommand"), err);
  }
}
