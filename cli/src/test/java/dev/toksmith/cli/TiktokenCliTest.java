package dev.toksmith.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.EncodingType;
import dev.toksmith.cli.CliTest.Result;
import dev.toksmith.core.reference.HfReference;
import dev.toksmith.samples.Samples;
import dev.toksmith.vocab.tiktoken.TiktokenEncodings;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built-in tiktoken encodings on the command line. Expected ids are tiktoken's own (from the
 * reference fixture in toksmith-vocab's tests).
 */
class TiktokenCliTest {
  @TempDir Path dir;

  private static Result encode(String input, String... args) {
    String[] all = new String[args.length + 1];
    all[0] = "encode";
    System.arraycopy(args, 0, all, 1, args.length);
    return CliTest.run(input.getBytes(StandardCharsets.UTF_8), all);
  }

  private static void assertError(Result r, int code, String expected) {
    assertEquals(code, r.code(), r.err());
    assertTrue(r.err().contains(expected), r.err());
    assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
  }

  @Test
  void builtInEncodingsByNameAndByModel() {
    String input = "Hello, world!\nI'm don't we'll you've they're she'd it's\n";
    Result cl100k = encode(input, "-t", "cl100k_base");
    assertEquals(0, cl100k.code(), cl100k.err());
    assertEquals("9906 11 1917 0\n40 2846 1541 956 584 3358 499 3077 814 2351 1364 4265 433 596\n", cl100k.outText());
    assertEquals(cl100k.outText(), encode(input, "-t", "gpt-4").outText());
    assertEquals(cl100k.outText(), encode(input, "-t", "gpt-3.5-turbo-0613").outText());
    Result o200k = encode(input, "-t", "gpt-4o");
    assertEquals("13225 11 2375 0\n15390 4128 22782 19014 18940 114482 4275\n", o200k.outText());
    assertEquals(o200k.outText(), encode(input, "-t", "o200k_base").outText());
    Result gpt2 = encode("Hello, world!", "-t", "gpt2");
    assertEquals("15496 11 995 0", gpt2.outText());
    assertEquals(gpt2.outText(), encode("Hello, world!", "-t", "r50k_base").outText());
  }

  @Test
  void specialTokensAreTextUnlessAllowed() {
    assertEquals("64 27 91 8862 728 428 91 29 65", encode("a<|endoftext|>b", "-t", "cl100k_base").outText());
    assertEquals("64 100257 65", encode("a<|endoftext|>b", "-t", "cl100k_base", "--allow-special", "all").outText());
    assertEquals("64 100257 65", encode("a<|endoftext|>b", "-t", "cl100k_base", "--allow-special", "<|endoftext|>,<|fim_prefix|>").outText());
    assertEquals("64 27 91 8862 728 428 91 29 65", encode("a<|endoftext|>b", "-t", "cl100k_base", "--allow-special", "<|fim_prefix|>").outText());
    assertEquals("a <|endoftext|> b", encode("a<|endoftext|>b", "-t", "cl100k_base", "--allow-special", "all", "--format", "tokens").outText());
    assertError(encode("x", "-t", "cl100k_base", "--allow-special", "<|im_start|>"), 2, "\"<|im_start|>\" is not a special token of cl100k_base");
  }

  /**
   * convert writes cl100k_base as a tokenizer.json that the command line and Hugging Face tokenizers
   * (DJL) run with jtokkit's ids, line by line, on samples in several scripts and on edge strings.
   */
  @Test
  void convertedCl100kGivesJtokkitsIds() throws Exception {
    Path json = dir.resolve("cl100k_base.json");
    Result converted = CliTest.run("convert", "-t", "cl100k_base", "-o", json.toString());
    assertEquals(0, converted.code(), converted.err());
    List<String> lines = new ArrayList<>();
    for (String name : List.of("moby-dick", "udhr-deu", "udhr-hin", "udhr-arb", "udhr-cmn-hans", "udhr-kor", "emoji-test")) {
      Samples.byName(name).text().lines().limit(20).forEach(lines::add);
    }
    // Special tokens stay out: a tokenizer.json always matches its added tokens, tiktoken's ordinary encoding never.
    lines.addAll(List.of("  spaces   and\ttabs\t ", "I'm don't WE'LL 1234567 3.14159!!!", "e\u0301 \u00a0no-break\u3000ideographic", "\u0000\u007f\ufeff", ""));
    var jtokkit = Encodings.newDefaultEncodingRegistry().getEncoding(EncodingType.CL100K_BASE);
    StringBuilder expected = new StringBuilder();
    for (String line : lines) {
      expected.append(Arrays.stream(jtokkit.encodeOrdinary(line).toArray()).mapToObj(Integer::toString).collect(Collectors.joining(" "))).append('\n');
    }
    Result encoded = CliTest.run(String.join("\n", lines).concat("\n").getBytes(StandardCharsets.UTF_8), "encode", "-t", json.toString());
    assertEquals(0, encoded.code(), encoded.err());
    assertEquals(expected.toString(), encoded.outText());
    StringBuilder reference = new StringBuilder();
    try (HfReference hf = HfReference.load(Files.readString(json))) {
      for (HfReference.Encoded e : hf.encodeAll(lines)) reference.append(Arrays.stream(e.ids()).mapToObj(Long::toString).collect(Collectors.joining(" "))).append('\n');
    }
    assertEquals(expected.toString(), reference.toString(), "Hugging Face runs the converted file as jtokkit");
  }

  @Test
  void decodeInvertsEncodeByteForByte() {
    byte[] input = "lone\rCR 法院 😀 e\u0301 <|endoftext|>\n\u00ff\n".getBytes(StandardCharsets.UTF_8);
    input[input.length - 2] = (byte) 0xFF;
    for (String name : TiktokenEncodings.names()) {
      Result ids = CliTest.run(input, "encode", "-t", name, "--allow-special", "all");
      assertEquals(0, ids.code(), ids.err());
      Result text = CliTest.run(ids.out(), "decode", "-t", name);
      assertEquals(0, text.code(), text.err());
      assertArrayEquals(input, text.out(), name);
    }
  }

  @Test
  void unknownNamesListTheBuiltInOnes() {
    assertError(encode("x", "-t", "gpt-9-turbo-ultra"), 1, "built-in: cl100k_base, gpt2, o200k_base, o200k_harmony, p50k_base, p50k_edit, r50k_base");
  }

  /** A rank file's spec carries its split pattern (FILE#pattern=...) wherever a spec is taken, compare's included. */
  @Test
  void rankFilesCarryTheirPatternInTheSpec() throws Exception {
    Path file = dir.resolve("r50k.tiktoken");
    try (InputStream in = TiktokenEncodings.class.getResourceAsStream("r50k_base.tiktoken")) {
      Files.write(file, in.readAllBytes());
    }
    assertError(encode("Hello, world!", "-t", file.toString()), 1, "give its split regex as " + file + "#pattern=REGEX");
    Result byName = encode("Hello, world!", "-t", file + "#pattern=r50k_base");
    assertEquals("15496 11 995 0", byName.outText(), byName.err());
    String gpt2Regex = "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+";
    assertEquals("15496 11 995 0", encode("Hello, world!", "-t", file + "#pattern=" + gpt2Regex).outText());
    Result decoded = CliTest.run("15496 11 995 0".getBytes(StandardCharsets.UTF_8), "decode", "-t", file + "#pattern=r50k_base");
    assertEquals("Hello, world!", decoded.outText());
    assertError(encode("x", "-t", dir.resolve("missing.tiktoken") + "#pattern=r50k_base"), 1, "no such file or directory: " + dir.resolve("missing.tiktoken"));
    Path llama3Style = dir.resolve("tokenizer.model");
    Files.copy(file, llama3Style);
    assertEquals("15496 11 995 0", encode("Hello, world!", "-t", llama3Style + "#pattern=r50k_base").outText());

    Path text = Files.writeString(dir.resolve("hello.txt"), "Hello, world!");
    Result compared = CliTest.run("compare", "-t", file + "#pattern=r50k_base", "--baseline", "r50k_base", "--format", "csv", text.toString());
    assertEquals(0, compared.code(), compared.err());
    assertTrue(compared.outText().contains(file + "#pattern=r50k_base," + text + ",1,4,"), compared.outText());
    Result pooled = CliTest.run("Hello, world!".getBytes(StandardCharsets.UTF_8), "encode", "-t", "word-pooled:subwords:" + file + "#pattern=r50k_base", "--max-units", "4");
    assertEquals(0, pooled.code(), pooled.err());
    assertTrue(pooled.outText().startsWith("{\"units\":[[15496,"), pooled.outText());
  }

  /**
   * --allow-special works on a tokenizer.json too (Llama 2's: {@code <s>} is id 1, {@code </s>} id 2):
   * by default every special token is matched, as Hugging Face does; {@code none} reads them all as
   * text, as its split_special_tokens does; a list matches those only.
   */
  @Test
  void allowSpecialWorksOnATokenizerJsonToo() throws Exception {
    Path json = dir.resolve("llama2.json");
    try (InputStream in = TiktokenCliTest.class.getResourceAsStream("/families/llama2.json")) {
      Files.write(json, in.readAllBytes());
    }
    String text = "<s>hi</s>";
    List<String> all = List.of(encode(text, "-t", json.toString()).outText().strip().split(" "));
    assertEquals(List.of("1", "2"), List.of(all.get(0), all.get(all.size() - 1)), all.toString());
    assertEquals(all, List.of(encode(text, "-t", json.toString(), "--allow-special", "all").outText().strip().split(" ")));
    List<String> none = List.of(encode(text, "-t", json.toString(), "--allow-special", "none").outText().strip().split(" "));
    assertFalse(none.contains("1") || none.contains("2"), none.toString());
    List<String> end = List.of(encode(text, "-t", json.toString(), "--allow-special", "</s>").outText().strip().split(" "));
    assertFalse(end.contains("1"), end.toString());
    assertEquals("2", end.get(end.size() - 1), end.toString());
    assertEquals(text, decode(encode(text, "-t", json.toString(), "--allow-special", "none").outText(), json).strip());
    assertError(encode(text, "-t", json.toString(), "--allow-special", "<|endoftext|>"), 2, "--allow-special: \"<|endoftext|>\" is not a special token");
    assertError(encode("x", "-t", json + "#pattern=cl100k_base"), 1, "a split pattern (#pattern=) applies to tiktoken rank files only, and " + json + " is a tokenizer.json");
  }

  private static String decode(String ids, Path tokenizer) {
    Result r = CliTest.run(ids.getBytes(StandardCharsets.UTF_8), "decode", "-t", tokenizer.toString());
    assertEquals(0, r.code(), r.err());
    return r.outText();
  }

  @Test
  void inspectDescribesAnEncoding() {
    Result r = CliTest.run("inspect", "-t", "gpt-4o");
    assertEquals(0, r.code(), r.err());
    String out = r.outText();
    assertTrue(out.contains("tiktoken BPE o200k_base (199998 mergeable ranks"), out);
    assertTrue(out.contains("vocabulary:     200000 tokens, ids 0..200018"), out);
    assertTrue(out.contains("199999=<|endoftext|> 200018=<|endofprompt|>"), out);
  }
}
