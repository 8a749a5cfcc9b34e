package dev.toksmith.vocab.tiktoken;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.toksmith.core.models.TiktokenModel;
import dev.toksmith.vocab.TokenizerFormatException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The binary rank files the build writes hold exactly the tokens of OpenAI's {@code .tiktoken} files
 * (the ones in jtokkit's jar, parsed as text), and a damaged or mismatched binary form is refused.
 */
class CompactRanksTest {
  private static byte[] resource(String file) throws IOException {
    try (InputStream in = TiktokenEncodings.class.getResourceAsStream(file)) {
      return in.readAllBytes();
    }
  }

  @Test
  void everyBuiltInBinaryFormHoldsTheTokensOfItsRankFile() throws IOException {
    for (TiktokenEncodings.RankResource resource : TiktokenEncodings.RANK_RESOURCES) {
      TiktokenModel text = RankFile.parse(resource(resource.file()), resource.file());
      String binaryFile = CompactRanks.binaryName(resource.file());
      TiktokenModel binary = CompactRanks.read(new ByteArrayInputStream(resource(binaryFile)), binaryFile, resource.sha256());
      assertEquals(text.rankBound(), binary.rankBound(), resource.file());
      assertEquals(text.size(), binary.size(), resource.file());
      for (int rank = 0; rank < text.rankBound(); rank++) {
        byte[] token = text.bytes(rank);
        assertArrayEquals(token, binary.bytes(rank), resource.file() + " rank " + rank);
        if (token != null) assertEquals(rank, binary.rank(token, 0, token.length), resource.file() + " rank " + rank);
      }
    }
  }

  @Test
  void aBinaryFormBuiltFromAnotherFileOrDamagedIsRefused() throws IOException {
    String sha256 = TiktokenEncodings.RANK_RESOURCES.get(0).sha256();
    byte[] good = resource("r50k_base.ranks");
    String other = TiktokenEncodings.RANK_RESOURCES.get(1).sha256();
    TokenizerFormatException mismatch = assertThrows(TokenizerFormatException.class, () -> CompactRanks.read(new ByteArrayInputStream(good), "r50k_base.ranks", other));
    assertEquals("r50k_base.ranks: built from a rank file with SHA-256 " + sha256 + ", not " + other, mismatch.getMessage());
    byte[] truncated = Arrays.copyOf(good, good.length - 1);
    assertEquals("r50k_base.ranks: truncated",
        assertThrows(TokenizerFormatException.class, () -> CompactRanks.read(new ByteArrayInputStream(truncated), "r50k_base.ranks", sha256)).getMessage());
    byte[] longer = Arrays.copyOf(good, good.length + 3);
    assertEquals("r50k_base.ranks: 3 bytes after the tokens",
        assertThrows(TokenizerFormatException.class, () -> CompactRanks.read(new ByteArrayInputStream(longer), "r50k_base.ranks", sha256)).getMessage());
    byte[] notBinary = resource("r50k_base.tiktoken");
    assertEquals("r50k_base.ranks: not a toksmith binary rank file",
        assertThrows(TokenizerFormatException.class, () -> CompactRanks.read(new ByteArrayInputStream(notBinary), "r50k_base.ranks", sha256)).getMessage());
  }
}
