package dev.toksmith.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.toksmith.cli.CliTest.Result;
import dev.toksmith.samples.Sample;
import dev.toksmith.samples.Samples;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@code --threads}: every output format is byte for byte what one thread writes, on inputs of many
 * batches (all the bundled samples, about ten), and a bad line in the middle is reported the same way.
 */
class ParallelCliTest {
  /** Hugging Face's RoBERTa layout (a post-processor for pairs), proven against Hugging Face in toksmith-vocab. */
  private static final String ROBERTA = "../vocab/src/test/resources/families/roberta.json";

  /** Every sample, whole: 2.5 MB, far more than one batch. */
  private static final String TEXT = Samples.all().stream().map(Sample::text).collect(Collectors.joining("\n"));

  private static final byte[] INPUT = TEXT.getBytes(StandardCharsets.UTF_8);

  private static Result run(byte[] input, String... args) {
    return CliTest.run(input, args);
  }

  private static String[] with(String[] args, String... more) {
    String[] all = Arrays.copyOf(args, args.length + more.length);
    System.arraycopy(more, 0, all, args.length, more.length);
    return all;
  }

  /** Runs the command on 1 and on 4 threads and checks both succeed with the same bytes. */
  private static Result sameOnOneAndFourThreads(byte[] input, String... args) {
    Result one = run(input, with(args, "--threads", "1"));
    assertEquals(0, one.code(), one.err());
    Result four = run(input, with(args, "--threads", "4"));
    assertEquals(0, four.code(), four.err());
    assertArrayEquals(one.out(), four.out(), String.join(" ", args));
    return one;
  }

  @Test
  void idsAndTokensOfEveryTiktokenEncodingAndSpecialTokens() {
    byte[] withSpecials = (TEXT.replace("\n\n", "\n<|endoftext|>\n") + " <|fim_prefix|>x").getBytes(StandardCharsets.UTF_8);
    for (String name : List.of("r50k_base", "cl100k_base", "o200k_base")) {
      Result ids = sameOnOneAndFourThreads(INPUT, "encode", "-t", name);
      assertEquals(TEXT.split("\n", -1).length, ids.outText().split("\n", -1).length, "one line of ids per line, in order");
      Result back = sameOnOneAndFourThreads(ids.out(), "decode", "-t", name);
      assertArrayEquals(INPUT, back.out(), "decode on four threads inverts encode");
      sameOnOneAndFourThreads(INPUT, "encode", "-t", name, "--format", "tokens");
      sameOnOneAndFourThreads(withSpecials, "encode", "-t", name, "--allow-special", "all");
    }
  }

  @Test
  void jsonlWithOffsetsTruncationAndPadding() {
    Result json = sameOnOneAndFourThreads(INPUT, "encode", "-t", ROBERTA, "--format", "jsonl", "--offsets", "--add-special-tokens");
    assertTrue(json.outText().startsWith("{\"ids\":[0,"), json.outText().substring(0, 40));
    sameOnOneAndFourThreads(INPUT, "encode", "-t", ROBERTA, "--add-special-tokens", "--max-length", "16", "--stride", "3", "--padding", "max_length", "--pad-id", "1",
        "--format", "jsonl");
    sameOnOneAndFourThreads(INPUT, "encode", "-t", ROBERTA, "--padding", "longest", "--pad-to-multiple-of", "8", "--pad-id", "1");
  }

  @Test
  void pairsFromJsonLines() throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    String[] lines = TEXT.split("\n");
    ByteArrayOutputStream records = new ByteArrayOutputStream();
    for (int i = 0; i + 1 < lines.length; i += 2) {
      records.writeBytes(mapper.writeValueAsBytes(Map.of("q", lines[i], "c", lines[i + 1])));
      records.write('\n');
      if (i % 100 == 0) records.write('\n'); // blank lines keep their place
    }
    Result pairs = sameOnOneAndFourThreads(records.toByteArray(), "encode", "-t", ROBERTA, "--jsonl-field", "q", "--pair-field", "c", "--add-special-tokens",
        "--format", "jsonl", "--offsets", "--max-length", "24", "--truncation", "longest_first", "--padding", "max_length", "--pad-id", "1");
    assertTrue(pairs.outText().contains("\"type_ids\":[0,"), "pairs carry type ids");
  }

  @Test
  void aBadLineInTheMiddleIsReportedAfterTheLinesBeforeIt() {
    List<String> lines = new ArrayList<>(List.of(TEXT.split("\n", -1)));
    int bad = lines.size() * 3 / 5;
    byte[] before = (String.join("\n", lines.subList(0, bad - 1)) + "\n").getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream input = new ByteArrayOutputStream();
    input.writeBytes(before);
    input.writeBytes(new byte[] {'x', (byte) 0xFF, '\n'});
    input.writeBytes(String.join("\n", lines.subList(bad - 1, lines.size())).getBytes(StandardCharsets.UTF_8));
    Result expected = run(before, "encode", "-t", ROBERTA, "--format", "jsonl");
    for (String threads : List.of("1", "4")) {
      Result r = run(input.toByteArray(), "encode", "-t", ROBERTA, "--format", "jsonl", "--threads", threads);
      assertEquals(1, r.code());
      assertEquals("toksmith: stdin:" + bad + ": invalid UTF-8 (only --format ids or tokens without --add-special-tokens keep raw bytes)", r.err().strip());
      assertArrayEquals(expected.out(), r.out(), "the lines before the bad one, on " + threads + " threads");
    }
    Result ids = run(INPUT, "encode", "-t", "cl100k_base");
    String idLines = ids.outText();
    int start = 0;
    for (int i = 1; i < bad; i++) start = idLines.indexOf('\n', start) + 1;
    String badIds = idLines.substring(0, start) + "999999999 " + idLines.substring(start);
    for (String threads : List.of("1", "4")) {
      Result r = run(badIds.getBytes(StandardCharsets.UTF_8), "decode", "-t", "cl100k_base", "--threads", threads);
      assertEquals(1, r.code());
      assertTrue(r.err().startsWith("toksmith: stdin:" + bad + ": id 999999999 "), r.err());
    }
  }

  @Test
  void threadsMustBePositive() {
    Result r = run(INPUT, "encode", "-t", "cl100k_base", "--threads", "0");
    assertEquals(2, r.code());
    assertTrue(r.err().startsWith("toksmith: --threads must be at least 1"), r.err());
  }
}
