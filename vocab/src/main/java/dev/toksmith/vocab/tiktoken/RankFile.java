package dev.toksmith.vocab.tiktoken;

import dev.toksmith.core.models.Vocabulary;
import dev.toksmith.core.models.TiktokenModel;
import dev.toksmith.core.models.tiktoken.TiktokenTokenizer;
import dev.toksmith.core.text.Excerpt;
import dev.toksmith.vocab.TokenizerFormatException;
import it.unimi.dsi.fastutil.ints.Int2IntOpenHashMap;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads tiktoken's rank files ({@code .tiktoken}): one token per line, its bytes in base64, a space,
 * and its rank, the token's id. Blank lines are skipped, as tiktoken's {@code load_tiktoken_bpe}
 * skips them; everything else that tiktoken would not read the same way is an error naming the file
 * and line: a line without exactly two fields, invalid base64, a rank that is not a non-negative
 * integer, a rank given twice, and (stricter than tiktoken, whose dictionary keeps the last) the same
 * bytes given twice.
 */
public final class RankFile {
  /** The extension of tiktoken rank files. */
  public static final String EXTENSION = ".tiktoken";

  private RankFile() {}

  /**
   * Loads a rank file as a tiktoken encoding named after the file (without {@value #EXTENSION}), with
   * no special tokens.
   *
   * @throws TokenizerFormatException if the file is malformed
   * @throws java.util.regex.PatternSyntaxException if the regex is not valid
   */
  public static TiktokenTokenizer load(Path file, String regex) throws IOException {
    String name = file.getFileName().toString();
    if (name.endsWith(EXTENSION)) name = name.substring(0, name.length() - EXTENSION.length());
    return new TiktokenTokenizer(name, regex, parse(Files.readAllBytes(file), file.toString()), Map.of());
  }

  /**
   * Parses a rank file into a model.
   *
   * @param name the file's name, for messages
   * @throws TokenizerFormatException if the content is malformed or lacks a token for some single byte
   */
  public static TiktokenModel parse(byte[] content, String name) throws TokenizerFormatException {
    List<byte[]> byRank = new ArrayList<>();
    Int2IntOpenHashMap lineOfRank = new Int2IntOpenHashMap();
    Map<ByteBuffer, Integer> lineOfToken = new HashMap<>();
    Base64.Decoder base64 = Base64.getDecoder();
    // Ranks index tables: one far beyond the file's lines must not size them.
    long lines = 1;
    for (byte b : content) if (b == '\n') lines++;
    int lineNumber = 0;
    int pos = 0;
    while (pos < content.length) {
      int end = pos;
      while (end < content.length && content[end] != '\n') end++;
      lineNumber++;
      int lineEnd = end > pos && content[end - 1] == '\r' ? end - 1 : end;
      String line = new String(content, pos, lineEnd - pos, StandardCharsets.UTF_8);
      pos = end + 1;
      if (line.isBlank()) continue;
      String[] fields = line.trim().split("\\s+");
      if (fields.length != 2) throw error(name, lineNumber, "expected a base64 token and a rank, found " + fields.length + " field" + (fields.length == 1 ? "" : "s"));
      byte[] token;
      try {
        token = base64.decode(fields[0]);
      } catch (IllegalArgumentException e) {
        throw error(name, lineNumber, "invalid base64 token " + Excerpt.of(fields[0]));
      }
      if (token.length == 0) throw error(name, lineNumber, "empty token");
      int rank;
      try {
        rank = Integer.parseInt(fields[1]);
      } catch (NumberFormatException e) {
        rank = -1;
      }
      if (rank < 0 || !fields[1].chars().allMatch(c -> c >= '0' && c <= '9')) throw error(name, lineNumber, "rank " + Excerpt.of(fields[1]) + " is not a non-negative integer");
      if (lineOfRank.containsKey(rank)) throw error(name, lineNumber, "rank " + rank + " already given on line " + lineOfRank.get(rank));
      try {
        Vocabulary.checkIdBound(rank + 1L, lines);
      } catch (IllegalArgumentException e) {
        throw error(name, lineNumber, "rank " + rank + " in a file of " + lines + " lines leaves more than " + Vocabulary.MAX_UNUSED_IDS + " ranks unused");
      }
      Integer sameBytes = lineOfToken.putIfAbsent(ByteBuffer.wrap(token), lineNumber);
      if (sameBytes != null) throw error(name, lineNumber, "token " + Excerpt.of(fields[0]) + " already given on line " + sameBytes);
      lineOfRank.put(rank, lineNumber);
      while (byRank.size() <= rank) byRank.add(null);
      byRank.set(rank, token);
    }
    if (byRank.isEmpty()) throw new TokenizerFormatException(name + ": no tokens");
    try {
      return new TiktokenModel(byRank.toArray(new byte[0][]));
    } catch (IllegalArgumentException e) {
      throw new TokenizerFormatException(name + ": " + e.getMessage(), e);
    }
  }

  private static TokenizerFormatException error(String name, int line, String message) {
    return new TokenizerFormatException(name + ":" + line + ": " + message);
  }
}
