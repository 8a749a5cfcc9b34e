package dev.toksmith.vocab.tiktoken;

import dev.toksmith.core.models.TiktokenModel;
import dev.toksmith.vocab.TokenizerFormatException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.HexFormat;

/**
 * The binary form of a built-in rank file that toksmith loads at run time, written at build time
 * ({@link CompactRanksBuild}) from the {@code .tiktoken} file once its SHA-256 checked out. Parsing 200,000 lines
 * of base64 costs a cold JVM a good part of a second; this form is read in a few milliseconds.
 *
 * <p>Layout (big-endian): the magic {@code TKR1}; the 32-byte SHA-256 of the {@code .tiktoken} file it
 * was built from; the number of ranks; one byte per rank, its token's length (0 for a rank without
 * token; tokens are at most 255 bytes); the number of token bytes; every token's bytes in rank order.
 */
public final class CompactRanks {
  /** What the binary form of {@code NAME.tiktoken} is called: {@code NAME.ranks}. */
  static final String EXTENSION = ".ranks";

  private static final int MAGIC = 'T' << 24 | 'K' << 16 | 'R' << 8 | '1';
  private static final int SHA256_BYTES = 32;

  private CompactRanks() {}

  /** The name of the binary form of a rank file. */
  static String binaryName(String rankFile) {
    return rankFile.substring(0, rankFile.length() - RankFile.EXTENSION.length()) + EXTENSION;
  }

  /** The binary form of {@code model}, read from a file whose SHA-256 is {@code sha256} (hex). */
  static byte[] write(TiktokenModel model, String sha256) {
    int ranks = model.rankBound();
    ByteArrayOutputStream tokens = new ByteArrayOutputStream();
    byte[] lengths = new byte[ranks];
    for (int rank = 0; rank < ranks; rank++) {
      byte[] token = model.bytes(rank);
      if (token == null) continue;
      if (token.length > 255) throw new IllegalArgumentException("rank " + rank + " has " + token.length + " bytes, more than this form holds");
      lengths[rank] = (byte) token.length;
      tokens.writeBytes(token);
    }
    ByteBuffer out = ByteBuffer.allocate(4 + SHA256_BYTES + 4 + ranks + 4 + tokens.size());
    out.putInt(MAGIC).put(HexFormat.of().parseHex(sha256)).putInt(ranks).put(lengths).putInt(tokens.size()).put(tokens.toByteArray());
    return out.array();
  }

  /**
   * Reads the binary form {@code file}, which must have been built from the rank file whose SHA-256 is
   * {@code sha256} (hex).
   *
   * @throws TokenizerFormatException if it is malformed or was built from another rank file
   */
  static TiktokenModel read(InputStream in, String file, String sha256) throws IOException {
    ByteBuffer content = ByteBuffer.wrap(in.readAllBytes());
    try {
      if (content.getInt() != MAGIC) throw new TokenizerFormatException(file + ": not a toksmith binary rank file");
      byte[] source = new byte[SHA256_BYTES];
      content.get(source);
      String built = HexFormat.of().formatHex(source);
      if (!built.equals(sha256)) throw new TokenizerFormatException(file + ": built from a rank file with SHA-256 " + built + ", not " + sha256);
      int ranks = content.getInt();
      if (ranks < 0 || ranks > content.remaining()) throw new TokenizerFormatException(file + ": truncated");
      // Taken in bulk: a cold JVM runs this loop in the interpreter, where a call per byte costs.
      byte[] stored = new byte[ranks];
      content.get(stored);
      int[] lengths = new int[ranks];
      for (int rank = 0; rank < lengths.length; rank++) {
        int length = stored[rank] & 0xFF;
        lengths[rank] = length == 0 ? -1 : length;
      }
      byte[] tokens = new byte[content.getInt()];
      content.get(tokens);
      if (content.hasRemaining()) throw new TokenizerFormatException(file + ": " + content.remaining() + " bytes after the tokens");
      return new TiktokenModel(tokens, lengths);
    } catch (BufferUnderflowException | NegativeArraySizeException e) {
      throw new TokenizerFormatException(file + ": truncated", e);
    } catch (IllegalArgumentException e) {
      throw new TokenizerFormatException(file + ": " + e.getMessage(), e);
    }
  }
}
