package dev.toksmith;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every public top-level type of a package the library modules export to everyone (read from their
 * {@code module-info.java}) opens with Javadoc that shows it in use: a {@code <pre>} example.
 */
class PublicTypesDocumentedTest {
  private static final Path ROOT = Path.of("..");
  private static final List<String> MODULES = List.of("core", "vocab");
  private static final Pattern EXPORT = Pattern.compile("^\\s*exports\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
  private static final Pattern PUBLIC_TYPE =
      Pattern.compile("^public\\s+(?:(?:final|abstract|sealed|non-sealed|static)\\s+)*(?:class|interface|record|enum|@interface)\\s+(\\w+)", Pattern.MULTILINE);
  /** Annotations between the Javadoc and the declaration. */
  private static final Pattern TRAILING_ANNOTATIONS = Pattern.compile("(\\s*@\\w+(\\([^)]*\\))?)+\\s*$");

  @Test
  void everyExportedPublicTypeHasJavadocWithAnExample() throws IOException {
    List<String> missing = new ArrayList<>();
    int checked = 0;
    for (String module : MODULES) {
      String moduleInfo = Files.readString(ROOT.resolve(module).resolve("src/main/module/module-info.java"));
      Matcher exports = EXPORT.matcher(moduleInfo);
      while (exports.find()) {
        Path dir = ROOT.resolve(module).resolve("src/main/java").resolve(exports.group(1).replace('.', '/'));
        List<Path> sources;
        try (Stream<Path> files = Files.list(dir)) {
          sources = files.filter(p -> p.toString().endsWith(".java") && !p.endsWith("package-info.java")).sorted().toList();
        }
        for (Path source : sources) {
          String text = Files.readString(source);
          Matcher type = PUBLIC_TYPE.matcher(text);
          if (!type.find()) continue;
          checked++;
          String before = TRAILING_ANNOTATIONS.matcher(text.substring(0, type.start())).replaceFirst("");
          int open = before.lastIndexOf("/**");
          boolean documented = before.stripTrailing().endsWith("*/") && open >= 0;
          if (!documented) missing.add(exports.group(1) + "." + type.group(1) + ": no Javadoc");
          else if (!before.substring(open).contains("<pre>")) missing.add(exports.group(1) + "." + type.group(1) + ": no <pre> example in its Javadoc");
        }
      }
    }
    assertTrue(checked > 50, "public types found in the exported packages: " + checked);
    assertEquals(List.of(), missing);
  }
}
