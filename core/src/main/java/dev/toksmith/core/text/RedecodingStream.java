package dev.toksmith.core.text;

import dev.toksmith.api.DecodeStream;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import java.util.Arrays;
import java.util.function.Function;
import java.util.function.IntPredicate;

/**
 * The {@link DecodeStream} of a decoder known only by its decoding of id sequences, for decoders whose
 * text for each token depends only on that token, its neighbours and whether it comes first or last
 * ({@code local}; {@code BPEDecoder} reads a last token's suffix differently, {@code CTC} drops a
 * token that repeats the one before). Each step decodes the last few ids with the new one and
 * without it, both from the same start, so that the start reads the same way: where the two texts
 * part is where the text of all the ids changes, and what comes before that, and was not written
 * yet, is written; an id that leaves the text as it was (a repeat or a pad that CTC drops) writes
 * nothing, since the token before it is still the last. Only those last few ids are kept (ids before
 * the window can no longer change any text, and ids the decoding skips never do), so a step costs the
 * same at the millionth id as at the tenth, and a stream holds a few ids however long it runs. For
 * other decoders ({@code local} false: runs of byte tokens, or decoders on the joined text, which can
 * change text any number of tokens back) nothing is written before {@link #finish}, which decodes
 * all the ids: every id is held until then, since none is settled before.
 */
public final class RedecodingStream implements DecodeStream {
  /** How many decoded ids before the new one each step decodes again. */
  private static final int CONTEXT = 8;

  private final Function<int[], String> decoding;
  private final IntPredicate decoded;
  private final boolean local;
  /**
   * Local: the window the last step decoded (its first id is the window's start), then nothing; else
   * every id since the stream started.
   */
  private final IntArrayList ids = new IntArrayList();
  /** The text of the ids so far not written yet. */
  private final StringBuilder held = new StringBuilder();
  /** The text of the window the last step decoded, {@code ids} from the first. */
  private String window = "";

  /**
   * @param decoding the decoding of an id sequence; throws {@link IllegalArgumentException} for an id
   *     outside the vocabulary
   * @param decoded whether an id gives the decoder a token (not a special token skipped); throws
   *     {@link IllegalArgumentException} for an id outside the vocabulary
   * @param local whether the text of each token depends only on its neighbours and on whether it
   *     comes first or last
   */
  public RedecodingStream(Function<int[], String> decoding, IntPredicate decoded, boolean local) {
    this.decoding = decoding;
    this.decoded = decoded;
    this.local = local;
  }

  @Override
  public String step(int id) {
    boolean gives = decoded.test(id); // refuses an id outside the vocabulary before anything changes
    if (!local) {
      ids.add(id);
      return "";
    }
    // A skipped id changes no text, and confirms nothing: the last token is still the last.
    if (!gives) return "";
    ids.add(id);
    int start = Math.max(0, ids.size() - 1 - CONTEXT);
    int[] all = ids.elements();
    String before = start == 0 ? window : decoding.apply(Arrays.copyOfRange(all, start, ids.size() - 1));
    String after = decoding.apply(Arrays.copyOfRange(all, start, ids.size()));
    // Later windows start here or after: the ids before this start are done with.
    ids.removeElements(0, start);
    window = after;
    // An id that leaves the text as it was may not have confirmed the last token: CTC drops a repeat or
    // a pad, after which the token before is still the last one (which BPEDecoder reads differently).
    if (after.equals(before)) return "";
    int common = 0;
    int bound = Math.min(before.length(), after.length());
    while (common < bound && before.charAt(common) == after.charAt(common)) common++;
    if (common > 0 && common < bound && Character.isHighSurrogate(after.charAt(common - 1))) common--;
    // The text of all the ids so far ends with `before`; it now ends with `after` from `common` on.
    int changed = before.length() - common;
    if (changed > held.length()) throw new IllegalStateException("decoding one more id changed text already written");
    String out = held.substring(0, held.length() - changed);
    held.setLength(0);
    held.append(after, common, after.length());
    return out;
  }

  @Override
  public String finish() {
    String out = local ? held.toString() : decoding.apply(ids.toIntArray());
    ids.clear();
    held.setLength(0);
    window = "";
    return out;
  }
}
