package dev.toksmith.core.compiled;

import dev.toksmith.core.models.bpe.BpeModel;
import dev.toksmith.core.models.bpe.ByteLevelBpe;
import dev.toksmith.core.normalizers.Normalizer;
import dev.toksmith.core.pretokenizers.ByteLevelSplitter;
import dev.toksmith.core.pretokenizers.SplitPattern;
import dev.toksmith.core.text.Utf8;
import java.util.function.IntConsumer;

/**
 * The byte-level BPE family (GPT-2, RoBERTa, GPT-4o, Llama 3, Qwen, DeepSeek, gpt-oss, tokenizers
 * trained by {@code toksmith train}): a {@code ByteLevel} pre-tokenizer, alone or after {@code Split}
 * stages, and a BPE model whose vocabulary holds every byte's character. The text stays UTF-8 bytes
 * from input to ids: the split patterns scan the bytes ({@link ByteLevelSplitter}) and the model
 * merges them ({@link ByteLevelBpe}), with no spelling as byte characters and no string per piece.
 * A normalizer is allowed when its quick check clears the text (Qwen's NFC); added tokens matched after
 * normalization are cut out of such text before splitting.
 */
final class ByteLevelBpePath implements FastPath {
  private final Normalizer normalizer;
  private final NormalizedAddedTokens added;
  private final ByteLevelSplitter splitter;
  private final ByteLevelBpe model;

  private ByteLevelBpePath(Normalizer normalizer, NormalizedAddedTokens added, ByteLevelSplitter splitter, ByteLevelBpe model) {
    this.normalizer = normalizer;
    this.added = added;
    this.splitter = splitter;
    this.model = model;
  }

  /** The fast path of these components, or null when they are not of this family. */
  static FastPath compile(PipelineStages c) {
    if (c.preTokenizer() == null || !(c.model() instanceof BpeModel bpe)) return null;
    ByteLevelSplitter splitter = ByteLevelSplitter.of(c.preTokenizer());
    ByteLevelBpe model = splitter == null ? null : bpe.byteLevel();
    return model == null ? null : new ByteLevelBpePath(c.normalizer(), c.added(), splitter, model);
  }

  @Override
  public int encode(CharSequence text, int from, int to, boolean escaped, IntConsumer ids) {
    if (from == to) return 0;
    byte[] bytes = new byte[Utf8.maxBytes(to - from)];
    int n = Utf8.encode(text, from, to, escaped, bytes, 0, null);
    return encode(bytes, 0, n, escaped, ids);
  }

  @Override
  public int encodeBytes(byte[] bytes, int from, int to, IntConsumer ids) {
    return encode(bytes, from, to, true, ids);
  }

  private int encode(byte[] bytes, int from, int to, boolean raw, IntConsumer ids) {
    if (from == to) return 0;
    if (normalizer != null && !normalizer.leavesUnchanged(bytes, from, to, raw)) return -1;
    if (!added.mayHaveNormalizedTokens(bytes, from, to)) return encodeNormalized(bytes, from, to, raw, ids);
    // The text is normal already, so the tokens matched after normalization are matched in it as it is.
    String text = raw ? Utf8.decodeEscaped(bytes, from, to) : Utf8.decode(bytes, from, to);
    int[] count = {0};
    added.splitNormalized(text, (start, end, id) -> {
      if (id >= 0) {
        ids.accept(id);
        count[0]++;
      } else if (start < end) {
        byte[] part = new byte[Utf8.maxBytes(end - start)];
        count[0] += encodeNormalized(part, 0, Utf8.encode(text, start, end, raw, part, 0, null), raw, ids);
      }
    });
    return count[0];
  }

  @Override
  public String description() {
    return "byte-level BPE on UTF-8 bytes (" + splitter.description() + ")";
  }

  /** Splits normalized text without added tokens and merges each piece. */
  private int encodeNormalized(byte[] bytes, int from, int to, boolean raw, IntConsumer ids) {
    if (from == to) return 0;
    if (splitter.addsPrefixSpace() && bytes[from] != ' ') {
      byte[] prefixed = new byte[to - from + 1];
      prefixed[0] = ' ';
      System.arraycopy(bytes, from, prefixed, 1, to - from);
      return encodeNormalized(prefixed, 0, prefixed.length, raw, ids);
    }
    Pieces pieces = new Pieces(bytes, ids);
    splitter.split(bytes, from, to, raw, pieces);
    return pieces.count;
  }

  /** Merges each piece the splitter reports. */
  private final class Pieces implements SplitPattern.MatchSink {
    private final byte[] bytes;
    private final IntConsumer ids;
    int count;

    Pieces(byte[] bytes, IntConsumer ids) {
      this.bytes = bytes;
      this.ids = ids;
    }

    @Override
    public void match(int start, int end) {
      count += model.encode(bytes, start, end, ids);
    }
  }
}
