package dev.toksmith.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toksmith.Tokenizers;
import dev.toksmith.api.Tokenizer;
import dev.toksmith.cli.CliTest.Result;
import dev.toksmith.samples.Samples;
import dev.toksmith.vocab.RealTokenizerFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real tokenizer.json files of public models through the command line: encode gives the library's
 * ids (which toksmith-vocab's RealTokenizersTest compares with Hugging Face), decode gives the
 * library's text, inspect describes each file, and convert writes one that gives the same ids with
 * and without special tokens.
 *
 * <p>Runs only when the files have been fetched (vocab/src/test/scripts/fetch-real-tokenizers.sh, into
 * {@code vocab/target/real-tokenizers} or the directory {@code TOKSMITH_REAL_TOKENIZERS} names);
 * otherwise, as in CI, it is skipped by a JUnit assumption.
 */
class RealTokenizersCliTest {
  @TempDir Path dir;

  /** The first thirty lines of samples in several scripts, and the emoji list. */
  private static final String INPUT = Stream.of("udhr-eng", "udhr-cmn-hans", "udhr-hin", "udhr-arb", "udhr-kor", "moby-dick", "emoji-test")
      .map(name -> Arrays.stream(Samples.byName(name).text().split("\n", -1)).limit(30).filter(l -> l.length() <= 2000).collect(Collectors.joining("\n")))
      .collect(Collectors.joining("\n")) + "\n";

  @TestFactory
  Stream<DynamicTest> everyCommandAcceptsEveryRealTokenizer() throws IOException {
    return RealTokenizerFiles.eachFile(Path.of("../vocab"), this::check);
  }

  private static Result ok(Result r) {
    assertEquals(0, r.code(), r.err());
    return r;
  }

  private void check(Path file) throws IOException {
    String name = file.getFileName().toString();
    Tokenizer library = Tokenizers.load(file);
    byte[] input = INPUT.getBytes(StandardCharsets.UTF_8);
    Result ids = ok(CliTest.run(input, "encode", "-t", file.toString()));
    String[] lines = INPUT.split("\n", -1);
    String[] idLines = ids.outText().split("\n", -1);
    assertEquals(lines.length, idLines.length, name);
    StringBuilder decoded = new StringBuilder();
    for (int i = 0; i < lines.length; i++) {
      int[] expected = library.encodeIds(lines[i]);
      int line = i;
      assertEquals(Arrays.stream(expected).mapToObj(Integer::toString).collect(Collectors.joining(" ")), idLines[i], () -> name + " line " + line);
      decoded.append(i == 0 ? "" : "\n").append(library.decode(expected));
    }
    assertEquals(decoded.toString(), ok(CliTest.run(ids.out(), "decode", "-t", file.toString())).outText(), name);

    allowSpecialMatchesTheChosenSpecialTokens(file, library);

    String description = ok(CliTest.run("inspect", "-t", file.toString())).outText();
    assertTrue(description.contains("vocabulary:     " + library.vocabSize() + " tokens"), description);

    Path converted = dir.resolve(name);
    ok(CliTest.run("convert", "-t", file.toString(), "-o", converted.toString()));
    for (String[] options : new String[][] {{}, {"--add-special-tokens"}}) {
      String original = ok(CliTest.run(input, concat(new String[] {"encode", "-t", file.toString()}, options))).outText();
      String again = ok(CliTest.run(input, concat(new String[] {"encode", "-t", converted.toString()}, options))).outText();
      assertEquals(original, again, name + " converted " + Arrays.toString(options));
    }
  }

  /**
   * --allow-special on the file's own special tokens, all of them in one line: with {@code all} each
   * one is its id in the file's vocabulary, in order; with {@code none}, or one of them, the others
   * are text, as the library's withAllowedSpecial reads them.
   */
  private static void allowSpecialMatchesTheChosenSpecialTokens(Path file, Tokenizer library) {
    List<String> specials = library.specialTokens().stream().filter(t -> !t.contains("\n") && !t.contains(",")).toList();
    if (specials.isEmpty()) return;
    String text = String.join(" x ", specials);
    List<Integer> specialIds = specials.stream().map(t -> library.tokenToId(t).orElseThrow()).toList();
    int[] all = ids(ok(CliTest.run(text.getBytes(StandardCharsets.UTF_8), "encode", "-t", file.toString(), "--allow-special", "all")));
    assertEquals(specialIds, Arrays.stream(all).filter(id -> specialIds.contains(id)).boxed().toList(), file.toString());
    int[] none = ids(ok(CliTest.run(text.getBytes(StandardCharsets.UTF_8), "encode", "-t", file.toString(), "--allow-special", "none")));
    assertArrayEquals(library.withAllowedSpecial(Set.of()).encodeIds(text), none, file.toString());
    assertTrue(none.length > all.length, file.toString());
    String first = specials.get(0);
    int[] one = ids(ok(CliTest.run(text.getBytes(StandardCharsets.UTF_8), "encode", "-t", file.toString(), "--allow-special", first)));
    assertArrayEquals(library.withAllowedSpecial(Set.of(first)).encodeIds(text), one, file.toString());
    int firstId = specialIds.get(0);
    assertTrue(Arrays.stream(one).anyMatch(id -> id == firstId), file.toString());
  }

  private static int[] ids(Result r) {
    String line = r.outText().strip();
    return line.isEmpty() ? new int[0] : Arrays.stream(line.split(" ")).mapToInt(Integer::parseInt).toArray();
  }

  private static String[] concat(String[] a, String[] b) {
    String[] all = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
