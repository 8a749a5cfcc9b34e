package dev.toksmith.core;

import dev.toksmith.api.Encoding;
import dev.toksmith.api.Padding;
import dev.toksmith.api.Tokenizer;
import dev.toksmith.api.Truncation;
import dev.toksmith.core.processors.EncodingParts;
import dev.toksmith.core.processors.PostProcessing;
import dev.toksmith.core.processors.PostProcessor;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * What every toksmith tokenizer does the same way once it has a sequence's tokens: truncation,
 * the post-processor, padding (as Hugging Face's {@code post_process}) and parallel batching. A
 * subclass encodes one sequence, with offsets ({@link #sequence}) or ids only ({@link #plainIds});
 * ids take that cheaper path whenever there is nothing to truncate or pad.
 *
 * @param <T> the subclass, so that {@code withTruncation} and {@code withPadding} keep its type
 */
public abstract class PostProcessedTokenizer<T extends PostProcessedTokenizer<T>> implements Tokenizer {
  /** The bytes of an id that writes none (a special token skipped). */
  protected static final byte[] NO_BYTES = {};

  private final Truncation truncation;
  private final Padding padding;

  protected PostProcessedTokenizer(Truncation truncation, Padding padding) {
    this.truncation = truncation;
    this.padding = padding;
  }

  /**
   * This tokenizer as Hugging Face's stages that give the same ids, with the same truncation and
   * padding: what a tokenizer.json can hold.
   */
  public abstract StagedTokenizer stages();

  /** This tokenizer with other truncation and padding (either null for none). */
  protected abstract T with(Truncation truncation, Padding padding);

  /** The post-processor, or null for Hugging Face's default (a pair is joined as sequences 0 and 1). */
  protected abstract PostProcessor postProcessor();

  /** One sequence's tokens with offsets and words, before truncation. */
  protected abstract EncodingParts sequence(String text, int typeId);

  /** The tokens of raw bytes, before truncation: for {@link #encodeBytes} when truncating or padding. */
  protected abstract EncodingParts byteSequence(byte[] bytes, int from, int to);

  /** Hands the ids of {@code text} (no truncation, no padding) to {@code ids}; returns their number. */
  protected abstract int plainIds(String text, IntConsumer ids);

  /** Hands the ids of raw bytes (no truncation, no padding) to {@code ids}; returns their number. */
  protected abstract int plainBytes(byte[] bytes, int from, int to, IntConsumer ids);

  /**
   * @throws IllegalArgumentException as Hugging Face's {@code with_truncation}: when the stride is
   *     larger than the room the single-sequence special tokens leave
   */
  @Override
  public T withTruncation(Truncation truncation) {
    if (truncation != null) {
      PostProcessor processor = postProcessor();
      PostProcessing.checkStride(truncation, processor == null ? 0 : processor.addedTokens(false));
    }
    return with(truncation, padding);
  }

  /**
   * Truncation as a tokenizer.json stores it. Hugging Face's builder does not check the stride
   * there, so such a file loads and encodes whatever needs no cutting; an impossible stride fails
   * only when an encoding must be cut.
   */
  public T withStoredTruncation(Truncation truncation) {
    return with(truncation, padding);
  }

  @Override
  public T withPadding(Padding padding) {
    return with(truncation, padding);
  }

  @Override
  public final Truncation truncation() {
    return truncation;
  }

  @Override
  public final Padding padding() {
    return padding;
  }

  /** Whether encodings are cut or padded, so that ids must go through the whole post-processing. */
  protected final boolean postProcessesIds() {
    return truncation != null || padding != null;
  }

  @Override
  public final Encoding encode(String text, boolean addSpecialTokens) {
    return encode(text, null, addSpecialTokens);
  }

  @Override
  public final Encoding encode(String text, String pair, boolean addSpecialTokens) {
    return process(text, pair, addSpecialTokens).toEncoding();
  }

  private EncodingParts process(String text, String pair, boolean addSpecialTokens) {
    return process(sequence(text, 0), pair == null ? null : sequence(pair, 1), addSpecialTokens);
  }

  private EncodingParts process(EncodingParts encoding, EncodingParts pair, boolean addSpecialTokens) {
    return PostProcessing.apply(encoding, pair, addSpecialTokens, postProcessor(), truncation, padding);
  }

  @Override
  public final int[] encodeIds(String text) {
    if (postProcessesIds()) return encode(text, false).ids();
    IntArrayList ids = new IntArrayList(text.length() / 3 + 16);
    plainIds(text, ids::add);
    return ids.toIntArray();
  }

  @Override
  public final int countTokens(String text) {
    if (postProcessesIds()) return encode(text, false).size();
    return plainIds(text, id -> {});
  }

  @Override
  public final int[] encodeBytes(byte[] bytes) {
    IntArrayList ids = new IntArrayList(bytes.length / 3 + 16);
    encodeBytes(bytes, 0, bytes.length, ids::add);
    return ids.toIntArray();
  }

  @Override
  public final int encodeBytes(byte[] bytes, int from, int to, IntConsumer ids) {
    if (!postProcessesIds()) return plainBytes(bytes, from, to, ids);
    int[] kept = process(byteSequence(bytes, from, to), null, false).toEncoding().ids();
    for (int id : kept) ids.accept(id);
    return kept.length;
  }

  @Override
  public final List<Encoding> encodeBatch(List<String> texts, boolean addSpecialTokens) {
    return PostProcessing.padBatch(texts.parallelStream().map(t -> process(t, null, addSpecialTokens)).toList(), padding);
  }

  @Override
  public final List<Encoding> encodeBatch(List<String> texts, List<String> pairs, boolean addSpecialTokens) {
    if (texts.size() != pairs.size()) throw new IllegalArgumentException(texts.size() + " texts but " + pairs.size() + " pairs");
    return PostProcessing.padBatch(IntStream.range(0, texts.size()).parallel().mapToObj(i -> process(texts.get(i), pairs.get(i), addSpecialTokens)).toList(), padding);
  }

  /**
   * All the bytes {@link #decodeBytes(int[], int, int, boolean, java.io.OutputStream)} writes for
   * {@code ids}, as one array: {@code decodeBytes(int[], boolean)} for tokenizers that write each
   * token's bytes straight from their tables.
   */
  protected final byte[] writtenBytes(int[] ids, boolean skipSpecialTokens) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(ids.length * 4);
    try {
      decodeBytes(ids, 0, ids.length, skipSpecialTokens, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
    }
    return out.toByteArray();
  }
}
