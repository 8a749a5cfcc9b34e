package dev.toksmith.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toksmith.cli.CliTest.Result;
import dev.toksmith.core.reference.HfReference;
import dev.toksmith.samples.Samples;
import dev.toksmith.vocab.sentencepiece.SentencePieceConversionTest;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code convert} on a SentencePiece {@code .model} (toksmith-vocab's spm_train fixtures), then {@code
 * encode} with the tokenizer.json it wrote: the ids Hugging Face tokenizers (DJL) gives for that file.
 */
class SentencePieceConvertCliTest {
  @TempDir Path dir;

  /** The first lines of samples in several scripts, with emoji and spaces to normalize. */
  private static List<String> sampleLines() {
    List<String> lines = new ArrayList<>();
    for (String name : List.of("moby-dick", "udhr-deu", "udhr-ben", "udhr-cmn-hans", "udhr-kor", "emoji-test")) {
      Samples.byName(name).text().lines().filter(line -> !line.isBlank()).limit(15).forEach(lines::add);
    }
    lines.add("  spaces   at the ends  and\tin   runs ");
    return lines;
  }

  private static InputStream fixture(String name) {
    return SentencePieceConvertCliTest.class.getResourceAsStream("/sentencepiece/" + name);
  }

  /** The fixture model converted by the command line. */
  private Path convert(String model) throws Exception {
    Path source = dir.resolve(model + ".model");
    try (InputStream in = fixture(model + ".model")) {
      Files.copy(in, source);
    }
    Path json = dir.resolve(model + ".json");
    Result converted = CliTest.run("convert", "--tokenizer", source.toString(), "--output", json.toString());
    assertEquals(0, converted.code(), converted.err());
    assertTrue(converted.err().startsWith("wrote " + json), converted.err());
    return json;
  }

  /** inspect describes a .model as make-fixtures.sh trained it (spm_train's settings there, its default specials). */
  @org.junit.jupiter.api.Test
  void inspectDescribesSentencePieceModels() throws Exception {
    for (String[] expected : new String[][] {
      {"unigram", "model:          SentencePiece Unigram (4000 pieces: ", "256 byte; byte fallback)",
          "normalizer:     SentencePiece (precompiled charsmap, extra whitespace removed, dummy prefix, spaces as \u2581)"},
      {"bpe-unk", "model:          SentencePiece BPE (1000 pieces: ", "1 unknown, 2 control)",
          "normalizer:     SentencePiece (no charsmap, extra whitespace removed, dummy prefix, spaces as \u2581)"},
    }) {
      Path source = dir.resolve(expected[0] + ".model");
      try (InputStream in = fixture(expected[0] + ".model")) {
        Files.copy(in, source);
      }
      Result r = CliTest.run("inspect", "-t", source.toString());
      assertEquals(0, r.code(), r.err());
      List<String> lines = r.outText().lines().toList();
      assertTrue(lines.get(1).startsWith(expected[1]) && lines.get(1).endsWith(expected[2]), r.outText());
      assertEquals(expected[3], lines.get(3));
      assertTrue(lines.contains("special tokens: 0=<unk> 1=<s> 2=</s>"), r.outText());
      assertTrue(lines.get(lines.size() - 1).startsWith("longest tokens: '"), r.outText());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"unigram", "bpe", "unigram-cf", "bpe-unk"})
  void convertedModelEncodesAsHuggingFaceDoes(String model) throws Exception {
    Path json = convert(model);
    List<String> lines = sampleLines();
    Result encoded = CliTest.run((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8), "encode", "--tokenizer", json.toString());
    assertEquals(0, encoded.code(), encoded.err());
    StringBuilder expected = new StringBuilder();
    try (HfReference hf = HfReference.load(Files.readString(json))) {
      for (HfReference.Encoded e : hf.encodeAll(lines)) expected.append(Arrays.stream(e.ids()).mapToObj(Long::toString).collect(Collectors.joining(" "))).append('\n');
    }
    assertEquals(expected.toString(), encoded.outText());
  }

  /**
   * The converted file gives the ids spm_encode gave (make-fixtures.sh) on the fixture's test lines,
   * but for the lines where Hugging Face's conversion itself parts from SentencePiece ({@link
   * SentencePieceConversionTest#DIFFERING}).
   */
  @ParameterizedTest
  @ValueSource(strings = {"unigram", "bpe", "unigram-cf", "bpe-unk"})
  void convertedModelGivesSpmEncodesIds(String model) throws Exception {
    Path json = convert(model);
    List<String> lines = new ArrayList<>();
    StringBuilder expected = new StringBuilder();
    for (String[] files : new String[][] {{"tests.txt", model + ".ids"}, {"edges.txt", model + ".edges.ids"}}) {
      List<String> texts = fixtureLines(files[0]);
      List<String> ids = fixtureLines(files[1]);
      assertEquals(texts.size(), ids.size(), files[1]);
      for (int i = 0; i < texts.size(); i++) {
        if (SentencePieceConversionTest.DIFFERING.get(model).contains(files[0] + ":" + (i + 1))) continue;
        lines.add(texts.get(i));
        expected.append(ids.get(i)).append('\n');
      }
    }
    Result encoded = CliTest.run((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8), "encode", "--tokenizer", json.toString());
    assertEquals(0, encoded.code(), encoded.err());
    assertEquals(expected.toString(), encoded.outText());
  }

  private static List<String> fixtureLines(String name) throws Exception {
    try (InputStream in = fixture(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
  }
}
