package dev.toksmith.core.unicode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Guards the generated Unicode tables: regenerates every resource of {@code dev.toksmith.core.unicode}
 * from ICU4J in memory and requires the committed files to be byte-identical.
 *
 * <p>To rewrite the resources (after changing the generator or a table's Unicode version):
 *
 * <pre>
 * ./mvnw -q -B -pl core test -Dtest=UnicodeTablesTest -Dtoksmith.regenerate=true
 * </pre>
 *
 * and rebuild. The versions, and why each table has its own, are in the resources' README.md.
 */
class UnicodeTablesTest {
  private static final Path RESOURCES =
      Path.of(System.getProperty("basedir", "."), "src/main/resources/dev/toksmith/core/unicode");

  @Test
  void committedTablesAreExactlyWhatTheGeneratorProduces() throws IOException {
    boolean regenerate = Boolean.getBoolean("toksmith.regenerate");
    assertTrue(Files.isDirectory(RESOURCES), "resource directory not found: " + RESOURCES.toAbsolutePath());
    for (Map.Entry<String, byte[]> resource : UnicodeTableGenerator.generateAll().entrySet()) {
      Path file = RESOURCES.resolve(resource.getKey());
      if (regenerate) Files.write(file, resource.getValue());
      assertTrue(Files.exists(file), file + " is missing; regenerate with -Dtoksmith.regenerate=true");
      assertArrayEquals(resource.getValue(), Files.readAllBytes(file),
          file + " differs from what the generator produces; regenerate with -Dtoksmith.regenerate=true");
    }
  }
}
