package dev.toksmith.vocab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toksmith.Tokenizers;
import dev.toksmith.vocab.glyphs.HexFont;
import dev.toksmith.LanguageModelFile;
import dev.toksmith.vocab.npy.Npy;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * Small files that name huge sizes (a padding of two billion, an id of 268 million, a rank of two
 * billion, an array of ten billion elements) are refused with a clear error at once: in well under a
 * second of CPU time and 256 MB of allocation, because no loader sizes anything by a number before
 * checking it against what the file holds.
 */
class HostileSizesTest {
  private static final long MAX_ALLOCATED = 256L << 20;
  private static final long MAX_CPU_NANOS = 1_000_000_000L;

  @TempDir Path dir;

  /** Runs {@code load}, which must fail with a message starting with {@code expected}, cheaply. */
  private static void assertRefusedCheaply(String expected, Executable load) {
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
    long cpuBefore = threads.getCurrentThreadCpuTime();
    IOException e = assertThrows(IOException.class, load);
    long allocated = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;
    long cpu = threads.getCurrentThreadCpuTime() - cpuBefore;
    assertTrue(e.getMessage().startsWith(expected), e.getMessage());
    assertTrue(allocated < MAX_ALLOCATED, expected + ": allocated " + (allocated >> 20) + " MB");
    assertTrue(cpu < MAX_CPU_NANOS, expected + ": " + cpu / 1_000_000 + " ms of CPU");
  }

  private static String tokenizerJson(String vocab, String padding) {
    return "{\"version\":\"1.0\",\"truncation\":null,\"padding\":" + padding + ",\"added_tokens\":[],\"normalizer\":null,\"pre_tokenizer\":null,"
        + "\"post_processor\":null,\"decoder\":null,\"model\":{\"type\":\"WordLevel\",\"vocab\":{" + vocab + "},\"unk_token\":\"a\"}}";
  }

  private static void assertJsonRefused(String expected, String json) {
    assertRefusedCheaply(expected, () -> Tokenizers.load(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "t.json"));
  }

  @Test
  void paddingOfTwoBillion() {
    String fixed = "{\"strategy\":{\"Fixed\":2000000000},\"direction\":\"Right\",\"pad_to_multiple_of\":null,\"pad_id\":0,\"pad_type_id\":0,\"pad_token\":\"a\"}";
    assertJsonRefused("t.json: padding: a padding length of 2000000000 is more than the 1048576 toksmith pads to", tokenizerJson("\"a\":0", fixed));
    String multiple = "{\"strategy\":\"BatchLongest\",\"direction\":\"Right\",\"pad_to_multiple_of\":2000000000,\"pad_id\":0,\"pad_type_id\":0,\"pad_token\":\"a\"}";
    assertJsonRefused("t.json: padding: pad-to-multiple-of 2000000000 is more than", tokenizerJson("\"a\":0", multiple));
  }

  @Test
  void vocabularyIdOf268Million() throws IOException {
    assertJsonRefused("t.json: model: an id of 268435455 for 2 tokens leaves", tokenizerJson("\"a\":0,\"b\":268435455", "null"));
    Files.writeString(dir.resolve("vocab.json"), "{\"a\":0,\"b\":268435455}");
    Files.writeString(dir.resolve("merges.txt"), "");
    assertRefusedCheaply(dir.resolve("vocab.json") + ": an id of 268435455 for 2 tokens leaves", () -> Tokenizers.load(dir));
  }

  @Test
  void rankOfTwoBillion() throws IOException {
    StringBuilder ranks = new StringBuilder();
    for (int b = 0; b < 256; b++) ranks.append(java.util.Base64.getEncoder().encodeToString(new byte[] {(byte) b})).append(' ').append(b).append('\n');
    ranks.append("YWI= 2000000000\n");
    Path file = Files.writeString(dir.resolve("r.tiktoken"), ranks);
    assertRefusedCheaply(file + ":257: rank 2000000000 in a file of 258 lines leaves more than 1048576 ranks unused",
        () -> Tokenizers.loadTiktoken(file, "cl100k_base"));
  }

  @Test
  void arrayOfTenBillionElements() throws IOException {
    ByteArrayOutputStream npy = new ByteArrayOutputStream();
    Npy.writeHeader(npy, Npy.Type.FLOAT32, new int[] {20_000, 20_000});
    npy.write(new byte[40]);
    assertRefusedCheaply(".npy file is truncated: 400000000 elements promised, 10 there", () -> Npy.read(new ByteArrayInputStream(npy.toByteArray())));
    ByteArrayOutputStream huge = new ByteArrayOutputStream();
    Npy.writeHeader(huge, Npy.Type.INT32, new int[] {100_000, 100_000});
    assertRefusedCheaply(".npy array too large: 10000000000 elements", () -> Npy.read(new ByteArrayInputStream(huge.toByteArray())));
  }

  /** A .lm file's numbers, written as the format does (gzip, varints), each the only wrong one. */
  @Test
  void languageModelNumbers() throws IOException {
    assertRefusedCheaply("m.lm: not a toksmith language model (truncated", () -> LanguageModelFile.read(lm('J', 0x7FFFFFFF, 1), "m.lm"));
    assertRefusedCheaply("m.lm: order 1000000000 is not between 1 and 32", () -> LanguageModelFile.read(lm('B', -1, 1_000_000_000), "m.lm"));
    assertRefusedCheaply("m.lm: \"/etc/passwd\" is not a built-in tokenizer", () -> LanguageModelFile.read(lmNaming("/etc/passwd"), "m.lm"));
  }

  /** A model file with tokenizer kind {@code kind} (built-in gpt2, or JSON of {@code jsonLength} promised bytes) and the order given. */
  private static ByteArrayInputStream lm(char kind, int jsonLength, int order) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream data = new DataOutputStream(new GZIPOutputStream(bytes))) {
      data.write("toksmith-lm\n".getBytes(StandardCharsets.US_ASCII));
      data.writeInt(1);
      data.writeByte(kind);
      data.writeUTF(kind == 'B' ? "gpt2" : "t.json");
      if (kind == 'J') writeVarint(data, jsonLength);
      writeVarint(data, order);
      writeVarint(data, 50258);
    }
    return new ByteArrayInputStream(bytes.toByteArray());
  }

  private static ByteArrayInputStream lmNaming(String tokenizer) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream data = new DataOutputStream(new GZIPOutputStream(bytes))) {
      data.write("toksmith-lm\n".getBytes(StandardCharsets.US_ASCII));
      data.writeInt(1);
      data.writeByte('B');
      data.writeUTF(tokenizer);
    }
    return new ByteArrayInputStream(bytes.toByteArray());
  }

  private static void writeVarint(DataOutputStream out, int value) throws IOException {
    int v = value;
    while ((v & ~0x7F) != 0) {
      out.writeByte((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    out.writeByte(v);
  }

  /** A SentencePiece model whose first field says it is two gigabytes long. */
  @Test
  void sentencePieceFieldOfTwoGigabytes() throws IOException {
    Path model = Files.write(dir.resolve("x.model"), new byte[] {0x0A, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x07, 'a'});
    assertRefusedCheaply(model + ": not a SentencePiece model (field length 2147483647 runs past the end", () -> Tokenizers.load(model));
  }

  /** Unifont keeps its glyphs in a map by code point: the largest one a line can name costs nothing. */
  @Test
  void unifontCodePointsSizeNothing() throws IOException {
    HexFont font = HexFont.read(new ByteArrayInputStream("FFFFFF:00000000000000000000000000000000\n".getBytes(StandardCharsets.US_ASCII)), "u.hex");
    assertEquals(1, font.size());
  }
}
