package dev.toksmith.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toksmith.Tokenizers;
import dev.toksmith.api.Tokenizer;
import dev.toksmith.cli.CliTest.Result;
import dev.toksmith.samples.Sample;
import dev.toksmith.samples.Samples;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The tokenizer.json of each public model family (toksmith-vocab's test fixtures in
 * {@code vocab/src/test/resources/families}, which ModelFamiliesTest proves against Hugging Face)
 * through the command line: encode gives the library's ids line by line, decode inverts encode
 * exactly where the family loses nothing (byte-level BPE, byte fallback) and as the library decodes
 * elsewhere, and inspect and convert accept every family.
 */
class ModelFamiliesCliTest {
  /** The fixtures, read where the vocab module keeps them (tests run in the cli module's folder). */
  private static final Path FAMILIES = Path.of("../vocab/src/test/resources/families");
  /** What inspect names as each family's model. */
  private static final Map<String, String> MODELS = Map.of(
      "bert-uncased", "WordPiece", "roberta", "BPE", "llama2", "BPE", "t5", "Unigram", "xlm-roberta", "Unigram");
  /** Families whose decoding gives back exactly the text encoded: no normalizer loses anything. */
  private static final List<String> LOSSLESS = List.of("roberta", "llama2");

  @TempDir Path dir;

  /**
   * The first hundred lines of every sample, but for lines longer than 2000 characters (whole
   * speeches), which ModelFamiliesTest covers and which would only make this test slow.
   */
  private static final String INPUT = Samples.all().stream()
      .map(Sample::text)
      .map(t -> Arrays.stream(t.split("\n", -1)).limit(100).filter(line -> line.length() <= 2000).collect(Collectors.joining("\n")))
      .collect(Collectors.joining("\n")) + "\n";

  private static Path fixture(String family) {
    Path file = FAMILIES.resolve(family + ".json");
    assertTrue(Files.isRegularFile(file), () -> "missing fixture " + file.toAbsolutePath());
    return file;
  }

  private static Result ok(Result r) {
    assertEquals(0, r.code(), r.err());
    return r;
  }

  @ParameterizedTest
  @ValueSource(strings = {"bert-uncased", "roberta", "llama2", "t5", "xlm-roberta"})
  void encodeGivesTheLibrarysIdsAndDecodeInvertsIt(String family) throws Exception {
    String file = fixture(family).toString();
    Tokenizer library = Tokenizers.load(fixture(family));
    Result ids = ok(CliTest.run(INPUT.getBytes(StandardCharsets.UTF_8), "encode", "-t", file));
    String[] lines = INPUT.split("\n", -1);
    String[] idLines = ids.outText().split("\n", -1);
    assertEquals(lines.length, idLines.length, "one line of ids per line");
    StringBuilder decodedByLibrary = new StringBuilder();
    for (int i = 0; i < lines.length; i++) {
      int[] expected = library.encodeIds(lines[i]);
      String joined = Arrays.stream(expected).mapToObj(Integer::toString).collect(Collectors.joining(" "));
      int line = i;
      assertEquals(joined, idLines[i], () -> family + " line " + line + ": " + lines[line]);
      decodedByLibrary.append(i == 0 ? "" : "\n").append(library.decode(expected));
    }
    Result text = ok(CliTest.run(ids.out(), "decode", "-t", file));
    assertEquals(decodedByLibrary.toString(), text.outText());
    if (LOSSLESS.contains(family)) assertArrayEquals(INPUT.getBytes(StandardCharsets.UTF_8), text.out(), family + " gives the input back");
  }

  @ParameterizedTest
  @ValueSource(strings = {"bert-uncased", "roberta", "llama2", "t5", "xlm-roberta"})
  void specialTokensAddedOnEncodeAreSkippedOnDecode(String family) {
    String file = fixture(family).toString();
    byte[] input = INPUT.getBytes(StandardCharsets.UTF_8);
    Result plain = ok(CliTest.run(input, "encode", "-t", file));
    Result withSpecial = ok(CliTest.run(input, "encode", "-t", file, "--add-special-tokens"));
    assertTrue(!withSpecial.outText().equals(plain.outText()), family + " adds special tokens");
    // Skipping drops unknown tokens too ([UNK] is special), so both sides skip.
    assertEquals(ok(CliTest.run(plain.out(), "decode", "-t", file, "--skip-special-tokens")).outText(),
        ok(CliTest.run(withSpecial.out(), "decode", "-t", file, "--skip-special-tokens")).outText());
  }

  @ParameterizedTest
  @ValueSource(strings = {"bert-uncased", "roberta", "llama2", "t5", "xlm-roberta"})
  void inspectDescribesEveryFamily(String family) throws Exception {
    Result r = ok(CliTest.run("inspect", "-t", fixture(family).toString()));
    Tokenizer library = Tokenizers.load(fixture(family));
    String out = r.outText();
    assertTrue(out.lines().anyMatch(l -> l.startsWith("model:") && l.contains(MODELS.get(family))), out);
    assertTrue(out.contains("vocabulary:     " + library.vocabSize() + " tokens"), out);
    assertTrue(out.lines().anyMatch(l -> l.startsWith("special tokens:") && !l.endsWith("none")), out);
  }

  @ParameterizedTest
  @ValueSource(strings = {"bert-uncased", "roberta", "llama2", "t5", "xlm-roberta"})
  void convertWritesAFileThatGivesTheSameIds(String family) {
    String file = fixture(family).toString();
    Path converted = dir.resolve(family + ".json");
    Result r = ok(CliTest.run("convert", "-t", file, "-o", converted.toString()));
    assertTrue(r.err().startsWith("wrote "), r.err());
    byte[] input = INPUT.getBytes(StandardCharsets.UTF_8);
    for (String[] options : new String[][] {{}, {"--add-special-tokens"}}) {
      String[] original = concat(new String[] {"encode", "-t", file}, options);
      String[] again = concat(new String[] {"encode", "-t", converted.toString()}, options);
      assertEquals(ok(CliTest.run(input, original)).outText(), ok(CliTest.run(input, again)).outText(), family + " " + Arrays.toString(options));
    }
  }

  /**
   * A stride that cannot fit is a usage error: bert-uncased's post-processor adds [CLS] and [SEP], so
   * max length 4 leaves 2 tokens of text, fewer than stride 3, and Hugging Face's with_truncation
   * refuses such settings (DJL's tokenizer built with them does not truncate at all).
   */
  @Test
  void aStrideThatCannotFitIsAUsageError() {
    byte[] input = "a long enough sentence to cut\n".getBytes(StandardCharsets.UTF_8);
    Result r = CliTest.run(input, "encode", "-t", fixture("bert-uncased").toString(), "--truncation", "longest_first", "--max-length", "4", "--stride", "3");
    assertEquals(2, r.code(), r.err());
    assertEquals("", r.outText());
    // One line: the usage error and where the help is.
    assertEquals(List.of("toksmith: truncation stride 3 is larger than the 2 tokens max length 4 leaves after 2 special tokens (see 'toksmith encode --help')"), r.err().lines().toList());
  }

  private static String[] concat(String[] a, String[] b) {
    String[] all = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
