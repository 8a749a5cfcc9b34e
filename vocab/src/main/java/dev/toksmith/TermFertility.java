package dev.toksmith;

import dev.toksmith.api.Tokenizer;
import dev.toksmith.core.text.Utf8;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * How many tokens a tokenizer spends on each term of a list (legal or financial terms, say), and how
 * it cuts them.
 *
 * <p>Each term is encoded alone, as the whole text: no leading space, no special tokens added, no
 * truncation. That is the KL3M paper's convention (its {@code domain_term_analysis.py} encodes each
 * bare term), so averages compare with its figures; for GPT-2-style byte-level tokenizers it is the
 * term at the start of a text, which can cost a token more than the same term after a space.
 *
 * <pre>{@code
 * TermFertility f = TermFertility.measure("gpt2", Tokenizers.load("gpt2"), TermLists.legal());
 * double perTerm = f.tokensPerTerm();
 * List<TermFertility.Segmentation> worst = f.worst(5);   // the terms cut into the most tokens
 * }</pre>
 *
 * @param tokenizer the tokenizer's name
 * @param segmentations every term with its tokens, in list order
 */
public record TermFertility(String tokenizer, List<Segmentation> segmentations) {

  /**
   * One term as the tokenizer cuts it.
   *
   * @param term the term
   * @param tokens each token as it reads, in order: its decoded text; for a tokenizer whose tokens
   *     decode to their own bytes (byte-level BPE, tiktoken encodings), each byte of a character split
   *     across tokens as {@code \xNN}, and so is the byte of a byte-fallback token ({@code <0xE2>}).
   *     They join to the term when the tokenizer decodes losslessly and no character is split.
   */
  public record Segmentation(String term, List<String> tokens) {}

  /** Encodes every term with {@code tokenizer}. */
  public static TermFertility measure(String name, Tokenizer tokenizer, List<String> terms) {
    Tokenizer plain = tokenizer.withTruncation(null).withPadding(null);
    FallbackTokens fallback = FallbackTokens.of(plain);
    List<Segmentation> segmentations = new ArrayList<>(terms.size());
    for (String term : terms) segmentations.add(new Segmentation(term, shown(plain, plain.encodeIds(term), fallback)));
    return new TermFertility(name, List.copyOf(segmentations));
  }

  /**
   * The tokens' own bytes shown with {@link Utf8#showTokens} when they make up the whole decoding,
   * otherwise (decoders that strip or join, as Metaspace and WordPiece do) their decoded texts. A
   * byte-fallback token's own bytes are its byte, and a run of them is shown by its bytes either way:
   * decoded alone such a byte is U+FFFD, and among decoded texts the token of a character's first
   * byte would be empty (the character belongs to the token it ends in).
   */
  private static List<String> shown(Tokenizer tokenizer, int[] ids, FallbackTokens fallback) {
    byte[][] own = new byte[ids.length][];
    ByteArrayOutputStream joined = new ByteArrayOutputStream();
    for (int i = 0; i < ids.length; i++) {
      int b = fallback.byteOf(ids[i]);
      own[i] = b >= 0 ? new byte[] {(byte) b} : tokenizer.decodeBytes(new int[] {ids[i]}, false);
      joined.writeBytes(own[i]);
    }
    if (Arrays.equals(joined.toByteArray(), tokenizer.decodeBytes(ids, false))) return Utf8.showTokens(ids.length, i -> own[i]);
    List<String> texts = new ArrayList<>(tokenizer.tokenTexts(ids));
    for (int i = 0; i < ids.length; ) {
      if (fallback.byteOf(ids[i]) < 0) {
        i++;
        continue;
      }
      int from = i;
      while (i < ids.length && fallback.byteOf(ids[i]) >= 0) i++;
      List<String> run = Utf8.showTokens(i - from, k -> own[from + k]);
      for (int k = 0; k < run.size(); k++) texts.set(from + k, run.get(k));
    }
    return texts;
  }

  /** All tokens over all terms. */
  public long tokens() {
    long total = 0;
    for (Segmentation s : segmentations) total += s.tokens().size();
    return total;
  }

  /** The mean number of tokens per term; NaN for an empty list. */
  public double tokensPerTerm() {
    return segmentations.isEmpty() ? Double.NaN : (double) tokens() / segmentations.size();
  }

  /** The {@code count} terms cut into the most tokens, most first; ties keep list order. */
  public List<Segmentation> worst(int count) {
    List<Segmentation> sorted = new ArrayList<>(segmentations);
    sorted.sort(Comparator.comparingInt((Segmentation s) -> s.tokens().size()).reversed());
    return List.copyOf(sorted.subList(0, Math.min(count, sorted.size())));
  }
}
