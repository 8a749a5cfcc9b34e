package dev.toksmith.vocab.hf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * The tokenizer.json files depend on each other without a cycle: the stage files use the registry and
 * the shared fields, never the other way round, and a Sequence reaches its own stage through an
 * interface. Read from the compiled classes by the JDK's jdeps, nested classes and lambdas counted
 * with the file that holds them.
 */
class FileCyclesTest {
  private static final String PACKAGE = "dev.toksmith.vocab.hf";
  private static final Pattern EDGE = Pattern.compile("^\\s*" + Pattern.quote(PACKAGE) + "\\.([\\w$]+)\\s+->\\s+" + Pattern.quote(PACKAGE) + "\\.([\\w$]+)\\s", Pattern.MULTILINE);

  @Test
  void noFileDependsOnItselfThroughOthers() throws Exception {
    Map<String, Set<String>> uses = dependencies();
    assertTrue(uses.containsKey("NormalizerJson") && uses.get("NormalizerJson").contains("ComponentRegistry"), () -> "jdeps found no dependencies: " + uses);
    assertEquals(List.of(), cycles(uses));
  }

  /** Each file's files in the package, by jdeps over the compiled classes. */
  private static Map<String, Set<String>> dependencies() throws Exception {
    ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow();
    Path classes = Path.of(NormalizerJson.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    StringWriter out = new StringWriter();
    int status = jdeps.run(new PrintWriter(out), new PrintWriter(out), "-verbose:class", "-filter:none", "--multi-release", "17", classes.toString());
    assertEquals(0, status, out::toString);
    Map<String, Set<String>> uses = new TreeMap<>();
    Matcher m = EDGE.matcher(out.toString());
    while (m.find()) {
      String from = file(m.group(1));
      String to = file(m.group(2));
      if (!from.equals(to)) uses.computeIfAbsent(from, k -> new TreeSet<>()).add(to);
    }
    return uses;
  }

  private static String file(String className) {
    int nested = className.indexOf('$');
    return nested < 0 ? className : className.substring(0, nested);
  }

  /** The strongly connected groups of more than one file (Tarjan). */
  private static List<Set<String>> cycles(Map<String, Set<String>> uses) {
    Map<String, Integer> index = new HashMap<>();
    Map<String, Integer> low = new HashMap<>();
    List<String> stack = new ArrayList<>();
    List<Set<String>> cycles = new ArrayList<>();
    for (String file : uses.keySet()) if (!index.containsKey(file)) connect(file, uses, index, low, stack, cycles);
    return cycles;
  }

  private static void connect(String v, Map<String, Set<String>> uses, Map<String, Integer> index, Map<String, Integer> low, List<String> stack, List<Set<String>> cycles) {
    index.put(v, index.size());
    low.put(v, index.get(v));
    stack.add(v);
    for (String w : uses.getOrDefault(v, Set.of())) {
      if (!index.containsKey(w)) {
        connect(w, uses, index, low, stack, cycles);
        low.put(v, Math.min(low.get(v), low.get(w)));
      } else if (stack.contains(w)) {
        low.put(v, Math.min(low.get(v), index.get(w)));
      }
    }
    if (low.get(v).equals(index.get(v))) {
      Set<String> group = new TreeSet<>();
      String w;
      do {
        w = stack.remove(stack.size() - 1);
        group.add(w);
      } while (!w.equals(v));
      if (group.size() > 1) cycles.add(group);
    }
  }
}
