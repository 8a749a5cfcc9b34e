package dev.toksmith.core.compiled;

import dev.toksmith.api.DecodeStream;
import dev.toksmith.core.decoders.BpeDecoder;
import dev.toksmith.core.decoders.ByteFallbackDecoder;
import dev.toksmith.core.decoders.CtcDecoder;
import dev.toksmith.core.decoders.Decoder;
import dev.toksmith.core.decoders.DecoderSequence;
import dev.toksmith.core.decoders.FuseDecoder;
import dev.toksmith.core.decoders.MetaspaceDecoder;
import dev.toksmith.core.decoders.ReplaceDecoder;
import dev.toksmith.core.decoders.StripDecoder;
import dev.toksmith.core.decoders.WordPieceDecoder;
import dev.toksmith.core.text.Utf8;
import java.util.ArrayList;
import java.util.List;

/**
 * A decoder chain compiled for decoding ids (Llama 2, Mistral, Gemma, T5, XLM-R, BERT): the decoders at
 * its head that map each token on its own ({@code Replace}, {@code Metaspace}, {@code WordPiece},
 * {@code Strip}; they tell the first token from the others, nothing more) are applied once per id and
 * the result remembered, for the first place and for the others; then {@code ByteFallback} joins runs
 * of byte tokens, and what follows {@code Fuse} works on the joined text as the chain would. The text
 * is the chain's, character for character. Thread-safe: remembered pieces are immutable strings, and
 * two threads computing one at once compute the same.
 */
public final class CompiledDecoder {
  /** What the decoder needs of the pipeline. */
  public interface Tokens {
    /** The token of an id, as the decoder receives it; throws for an id outside the vocabulary. */
    String token(int id);

    /** Whether the id is a special token, left out when decoding skips them. */
    boolean special(int id);
  }

  private final List<Decoder> head;
  private final boolean byteFallback;
  /** The decoders after Fuse, on the joined text; null without Fuse. */
  private final List<Decoder> tail;
  private final Tokens tokens;
  /** The head's output for each id, at the first place and after it; null until first needed. */
  private final String[] first;
  private final String[] other;

  private CompiledDecoder(List<Decoder> head, boolean byteFallback, List<Decoder> tail, Tokens tokens, int idBound) {
    this.head = head;
    this.byteFallback = byteFallback;
    this.tail = tail;
    this.tokens = tokens;
    this.first = new String[idBound];
    this.other = new String[idBound];
  }

  /**
   * The compiled form of {@code decoder}, or null when its chain is not one of token-wise decoders,
   * then ByteFallback, then Fuse and anything after it (each part optional).
   */
  public static CompiledDecoder compile(Decoder decoder, Tokens tokens, int idBound) {
    List<Decoder> chain = new ArrayList<>();
    flatten(decoder, chain);
    int i = 0;
    while (i < chain.size() && tokenWise(chain.get(i))) i++;
    List<Decoder> head = List.copyOf(chain.subList(0, i));
    boolean byteFallback = i < chain.size() && chain.get(i) == ByteFallbackDecoder.INSTANCE;
    if (byteFallback) i++;
    List<Decoder> tail = null;
    if (i < chain.size() && chain.get(i) == FuseDecoder.INSTANCE) {
      tail = List.copyOf(chain.subList(i + 1, chain.size()));
      i = chain.size();
    }
    return i == chain.size() ? new CompiledDecoder(head, byteFallback, tail, tokens, idBound) : null;
  }

  private static void flatten(Decoder decoder, List<Decoder> out) {
    if (decoder instanceof DecoderSequence seq) seq.decoders().forEach(d -> flatten(d, out));
    else out.add(decoder);
  }

  /**
   * Whether the text {@code decoder} makes of each token depends only on that token, its neighbours
   * and whether it comes first or last (so that a stream can write what the next token confirms):
   * the token-wise decoders, {@code BPEDecoder} and {@code CTC}, alone or in sequence. Not
   * ByteFallback, Fuse or ByteLevel, which join runs of any length; nor null (no decoder).
   */
  public static boolean local(Decoder decoder) {
    List<Decoder> chain = new ArrayList<>();
    flatten(decoder, chain);
    return chain.stream().allMatch(d -> tokenWise(d) || d instanceof BpeDecoder || d instanceof CtcDecoder);
  }

  /** Decoders whose every output piece is made from its own token and whether that token comes first. */
  private static boolean tokenWise(Decoder d) {
    return d instanceof ReplaceDecoder || d instanceof MetaspaceDecoder || d instanceof WordPieceDecoder || d instanceof StripDecoder;
  }

  /** The text of {@code ids}, leaving out special tokens when asked, as the chain decodes it. */
  public String decode(int[] ids, boolean skipSpecialTokens) {
    StringBuilder text = new StringBuilder(ids.length * 4);
    Joined joined = new Joined(skipSpecialTokens);
    for (int id : ids) joined.add(id, text);
    joined.end(text);
    return tail == null ? text.toString() : afterFuse(text);
  }

  /** The decoders after Fuse on the joined text. */
  private String afterFuse(CharSequence text) {
    List<String> pieces = List.of(text.toString());
    for (Decoder d : tail) pieces = d.decodeChain(pieces);
    return String.join("", pieces);
  }

  /** The head's pieces of ids added one by one, with ByteFallback's runs of byte tokens joined. */
  private final class Joined {
    private final boolean skipSpecialTokens;
    private boolean atFirst = true;
    private byte[] pending = new byte[16];
    private int pendingBytes;

    Joined(boolean skipSpecialTokens) {
      this.skipSpecialTokens = skipSpecialTokens;
    }

    /**
     * Appends the text of {@code id} to {@code text}, after the run of byte tokens it ends; or holds
     * it when it is a byte token. An id outside the vocabulary throws before anything changes.
     */
    void add(int id, StringBuilder text) {
      if (id < 0 || id >= first.length) tokens.token(id);
      if (skipSpecialTokens && tokens.special(id)) return;
      String piece = piece(id, atFirst);
      atFirst = false;
      int b = byteFallback ? ByteFallbackDecoder.byteOf(piece) : -1;
      if (b >= 0) {
        if (pendingBytes == pending.length) pending = java.util.Arrays.copyOf(pending, pendingBytes * 2);
        pending[pendingBytes++] = (byte) b;
        return;
      }
      end(text);
      text.append(piece);
    }

    /** Appends the text of the run of byte tokens held, if any. */
    void end(StringBuilder text) {
      pendingBytes = flush(pending, pendingBytes, text);
    }
  }

  /**
   * A stream that decodes ids one at a time as {@link #decode} decodes them all, or null when the
   * decoders after Fuse could change text already written: only {@code Strip} without a trailing cut
   * can stream there (Llama 2's), since it cuts the first few characters of the text at most.
   */
  public DecodeStream stream(boolean skipSpecialTokens) {
    int leading = 0;
    if (tail != null) {
      for (Decoder d : tail) {
        if (!(d instanceof StripDecoder strip) || strip.stop() != 0) return null;
        leading += strip.start();
      }
    }
    return new Stream(skipSpecialTokens, leading);
  }

  /**
   * Each id's piece, written as it comes, except that a run of byte tokens waits until a token that
   * is not a byte token ends it (ByteFallback makes the whole run U+FFFD when any of its bytes is
   * invalid, which a later byte can make it), and that the text waits while the decoders after Fuse
   * may still cut its first characters.
   */
  private final class Stream implements DecodeStream {
    private final boolean skipSpecialTokens;
    /** How many characters the decoders after Fuse may cut from the front of the text. */
    private final int leading;
    private Joined joined;
    /** The text so far while the decoders after Fuse may still cut it, else null. */
    private StringBuilder front;

    Stream(boolean skipSpecialTokens, int leading) {
      this.skipSpecialTokens = skipSpecialTokens;
      this.leading = leading;
      reset();
    }

    private void reset() {
      joined = new Joined(skipSpecialTokens);
      front = tail == null ? null : new StringBuilder();
    }

    @Override
    public String step(int id) {
      StringBuilder text = new StringBuilder();
      joined.add(id, text);
      return written(text, false);
    }

    @Override
    public String finish() {
      StringBuilder text = new StringBuilder();
      joined.end(text);
      String out = written(text, true);
      reset();
      return out;
    }

    /** What of {@code text}, which follows the text so far, can be written now. */
    private String written(StringBuilder text, boolean last) {
      if (front == null) return text.toString();
      front.append(text);
      if (!last && front.codePointCount(0, front.length()) <= leading) return "";
      String out = afterFuse(front);
      front = null;
      return out;
    }
  }

  /** A run of byte tokens: its text when it is UTF-8, else one U+FFFD per byte, as ByteFallback makes it. */
  private static int flush(byte[] pending, int count, StringBuilder text) {
    if (count == 0) return 0;
    if (Utf8.isValid(pending, 0, count)) text.append(Utf8.decode(pending, 0, count));
    else text.append("\uFFFD".repeat(count));
    return 0;
  }

  private String piece(int id, boolean atFirst) {
    String[] pieces = atFirst ? first : other;
    String piece = pieces[id];
    if (piece == null) {
      List<String> chain = atFirst ? List.of(tokens.token(id)) : List.of("", tokens.token(id));
      for (Decoder d : head) chain = d.decodeChain(chain);
      pieces[id] = piece = chain.get(chain.size() - 1);
    }
    return piece;
  }
}
