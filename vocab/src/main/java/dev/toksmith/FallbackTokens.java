package dev.toksmith;

import dev.toksmith.api.Tokenizer;
import dev.toksmith.api.TokenizerDescription.Stage;
import dev.toksmith.core.text.ByteTokens;
import java.util.Arrays;

/**
 * The ids through which a tokenizer gives up on text it cannot spell with real tokens, per model
 * family:
 *
 * <ul>
 *   <li>the <em>unknown</em> token: BPE's, WordPiece's and WordLevel's {@code unk_token}, Unigram's and
 *       SentencePiece's {@code unk_id};
 *   <li><em>byte-fallback</em> tokens: the {@code <0x00>}..{@code <0xFF>} tokens that BPE with {@code
 *       byte_fallback}, Unigram with {@code byte_fallback} and SentencePiece models with byte fallback
 *       spell a missing character with, one per UTF-8 byte;
 *   <li>none for byte-level BPE (GPT-2 style files, tiktoken encodings): every byte is a real token
 *       there, so nothing is unknown and a lone byte is ordinary vocabulary.
 * </ul>
 */
final class FallbackTokens {
  private final int unknownId;
  /** The byte each fallback id stands for, by id; -1 for other ids. */
  private final int[] byteOfId;

  private FallbackTokens(int unknownId, int[] byteOfId) {
    this.unknownId = unknownId;
    this.byteOfId = byteOfId;
  }

  /** The fallback ids of {@code tokenizer}; none for tokenizers this class does not know. */
  static FallbackTokens of(Tokenizer tokenizer) {
    Stage model = tokenizer.description().model();
    int unknown = switch (model.type()) {
      case "BPE", "WordPiece", "WordLevel" -> model.parameter("unk_token") instanceof String unk ? tokenizer.tokenToId(unk).orElse(-1) : -1;
      case "Unigram", "SentencePiece" -> model.parameter("unk_id") instanceof Integer id ? id : -1;
      default -> -1;
    };
    boolean byteFallback = model.flag("byte_fallback");
    int[] byteOfId = new int[0];
    if (byteFallback) {
      for (int b = 0; b < 256; b++) {
        int id = tokenizer.tokenToId(ByteTokens.name(b)).orElse(-1);
        if (id < 0) continue;
        if (id >= byteOfId.length) {
          int from = byteOfId.length;
          byteOfId = Arrays.copyOf(byteOfId, id + 1);
          Arrays.fill(byteOfId, from, byteOfId.length, -1);
        }
        byteOfId[id] = b;
      }
    }
    return new FallbackTokens(unknown, byteOfId);
  }

  /** Whether {@code id} is the unknown token. */
  boolean isUnknown(int id) {
    return id == unknownId;
  }

  /** The byte that {@code id} stands for if it is a byte-fallback token, else -1. */
  int byteOf(int id) {
    return id >= 0 && id < byteOfId.length ? byteOfId[id] : -1;
  }
}
