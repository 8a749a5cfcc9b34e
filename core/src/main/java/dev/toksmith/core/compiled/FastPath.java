package dev.toksmith.core.compiled;

import java.util.function.IntConsumer;

/**
 * Machinery specialised for one family of pipelines, which gives a {@link dev.toksmith.core.Pipeline}'s
 * ids without its general stage-by-stage path: chosen by {@link FastPaths#compile} when the pipeline is
 * built, from what its components are (never from file names or vocabulary hashes).
 *
 * <p>A fast path encodes raw segments: the text between the added tokens that are matched before
 * normalization (the pipeline cuts those out and hands their ids on itself). For a segment it cannot
 * take (text its normalizer's quick check does not clear, say) it returns -1 having handed on nothing,
 * and the pipeline's general path encodes that segment. Either way the ids are the general path's, so a
 * fast path changes speed, never output. Implementations are immutable and thread-safe, and allocate
 * nothing per token.
 */
public interface FastPath {
  /**
   * Hands the ids of the raw segment {@code text[from, to)} to {@code ids} in order and returns their
   * number, or returns -1 without handing on any when the general path must encode it.
   *
   * @param escaped whether {@code text} came from {@link dev.toksmith.core.text.Utf8#decodeEscaped}, so
   *     that U+DC80..U+DCFF stand for raw bytes
   */
  int encode(CharSequence text, int from, int to, boolean escaped, IntConsumer ids);

  /**
   * The same for raw bytes {@code bytes[from, to)}, read as {@link dev.toksmith.core.text.Utf8#decodeEscaped}
   * reads them. The pipeline hands a fast path invalid UTF-8 only when it is byte-level.
   */
  int encodeBytes(byte[] bytes, int from, int to, IntConsumer ids);

  /** What this path runs, in a few words, as {@code toksmith inspect} shows it. */
  String description();
}
