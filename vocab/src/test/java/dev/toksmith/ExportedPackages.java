package dev.toksmith;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The packages toksmith's library modules export to everyone, read from their {@code
 * src/main/module/module-info.java}, and the classes of an application that reach past them. The
 * command line's and the Spark job's tests share it (through this module's test jar): both are
 * applications on the class path, which the module system does not check, so their tests do.
 */
public final class ExportedPackages {
  /** An export without {@code to}: qualified exports open a package to toksmith's own modules only. */
  private static final Pattern EXPORT = Pattern.compile("^\\s*exports\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);

  private ExportedPackages() {}

  /**
   * The packages exported to everyone by the module descriptors under {@code root} (the repository's
   * top directory: every {@code *}{@code /src/main/module/module-info.java}).
   */
  public static Set<String> of(Path root) {
    Set<String> packages = new TreeSet<>();
    try (Stream<Path> modules = Files.list(root)) {
      for (Path module : modules.map(m -> m.resolve("src/main/module/module-info.java")).filter(Files::isRegularFile).toList()) {
        Matcher m = EXPORT.matcher(Files.readString(module));
        while (m.find()) packages.add(m.group(1));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (packages.isEmpty()) throw new IllegalStateException("no module-info.java with exports under " + root.toAbsolutePath());
    return packages;
  }

  /**
   * For each top-level class of {@code classes} that uses a toksmith class outside {@code exported}
   * and outside {@code own} (the application's packages, by prefix), the classes it uses there.
   * Nested classes count as their top-level class.
   */
  public static Map<String, Set<String>> reachingPast(JavaClasses classes, Set<String> exported, Set<String> own) {
    Map<String, Set<String>> found = new TreeMap<>();
    for (JavaClass c : classes) {
      for (Dependency d : c.getDirectDependenciesFromSelf()) {
        JavaClass target = d.getTargetClass();
        String p = target.getPackageName();
        boolean toksmith = p.equals("dev.toksmith") || p.startsWith("dev.toksmith.");
        if (!toksmith || exported.contains(p) || own.stream().anyMatch(o -> p.equals(o) || p.startsWith(o + "."))) continue;
        found.computeIfAbsent(topLevel(c.getName()), k -> new TreeSet<>()).add(topLevel(target.getName()));
      }
    }
    return found;
  }

  private static String topLevel(String className) {
    return className.replaceFirst("\\$.*", "");
  }
}
