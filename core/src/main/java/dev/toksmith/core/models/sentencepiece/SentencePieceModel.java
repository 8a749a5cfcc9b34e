package dev.toksmith.core.models.sentencepiece;

import dev.toksmith.api.TokenizerDescription.Stage;
import dev.toksmith.core.models.CharTrie;
import dev.toksmith.core.models.LazyList;
import dev.toksmith.core.models.Model;
import dev.toksmith.core.models.TokenSink;
import dev.toksmith.core.text.ByteTokens;
import dev.toksmith.core.unicode.TokenTrie;
import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * A SentencePiece model as SentencePiece itself runs it ({@code unigram_model.cc}, {@code
 * bpe_model.cc}, and the byte fallback of {@code sentencepiece_processor.cc}), for {@code .model}
 * files: the whole normalized text is one piece. Unlike Hugging Face's conversions, only normal,
 * user-defined and unused pieces take part in segmentation, a user-defined piece always wins,
 * Unigram path scores add up in single precision, BPE merges the pair whose merged piece scores
 * highest, and without byte fallback a run of unknown characters is one unknown token.
 */
public final class SentencePieceModel implements Model {
  /** The tokenizer.json type. */
  public static final String TYPE = "SentencePiece";

  /** Unigram: Viterbi over piece scores. BPE: merges ranked by the merged piece's score. */
  public enum Algorithm {
    UNIGRAM,
    BPE
  }

  /** A piece's type, as sentencepiece_model.proto has them. */
  public enum Type {
    NORMAL,
    UNKNOWN,
    CONTROL,
    USER_DEFINED,
    UNUSED,
    BYTE
  }

  /** One entry of the model: its id is its position. */
  public record Piece(String text, float score, Type type) {}

  /** SentencePiece's {@code kUnkPenalty}. */
  private static final float UNKNOWN_PENALTY = 10.0f;

  private final List<Piece> pieces;
  private final Algorithm algorithm;
  private final int unkId;
  private final boolean byteFallback;
  /** Every piece's id by text; segmentation looks only at normal, user-defined and unused ones. */
  private final Object2IntOpenHashMap<String> ids = new Object2IntOpenHashMap<>();
  private final Object2IntOpenHashMap<String> segmentable = new Object2IntOpenHashMap<>();
  private final CharTrie trie;
  private final TokenTrie userDefined;
  private final int[] byteIds = new int[256];
  private final float unknownScore;
  private final float maxScore;

  /**
   * @param unkId id of the unknown piece
   * @param byteFallback whether an unknown piece is spelled as its {@code <0xNN>} byte pieces
   * @throws IllegalArgumentException if the unknown id is not an unknown piece
   */
  public SentencePieceModel(List<Piece> pieces, Algorithm algorithm, int unkId, boolean byteFallback) {
    this.pieces = List.copyOf(pieces);
    this.algorithm = algorithm;
    this.unkId = unkId;
    this.byteFallback = byteFallback;
    if (unkId < 0 || unkId >= pieces.size() || pieces.get(unkId).type() != Type.UNKNOWN) {
      throw new IllegalArgumentException("unk_id " + unkId + " is not the model's unknown piece");
    }
    ids.defaultReturnValue(-1);
    segmentable.defaultReturnValue(-1);
    float min = Float.MAX_VALUE;
    // C++'s FLT_MIN, the smallest normal float.
    float max = Float.MIN_NORMAL;
    List<String> userSymbols = new ArrayList<>();
    List<Integer> userIds = new ArrayList<>();
    for (int id = 0; id < pieces.size(); id++) {
      Piece p = pieces.get(id);
      ids.putIfAbsent(p.text(), id);
      if (p.type() == Type.NORMAL || p.type() == Type.USER_DEFINED || p.type() == Type.UNUSED) segmentable.putIfAbsent(p.text(), id);
      if (p.type() == Type.USER_DEFINED) {
        userSymbols.add(p.text());
        userIds.add(id);
      }
      if (p.type() == Type.NORMAL) {
        min = Math.min(min, p.score());
        max = Math.max(max, p.score());
      }
    }
    unknownScore = min - UNKNOWN_PENALTY;
    maxScore = max;
    trie = new CharTrie(segmentable.size() * 3);
    for (var e : segmentable.object2IntEntrySet()) trie.add(e.getKey(), e.getIntValue());
    userDefined = new TokenTrie(userSymbols, userIds);
    for (int b = 0; b < 256; b++) {
      int id = ids.getInt(ByteTokens.name(b));
      byteIds[b] = id >= 0 && pieces.get(id).type() == Type.BYTE ? id : -1;
    }
  }

  public List<Piece> pieces() {
    return pieces;
  }

  public Algorithm algorithm() {
    return algorithm;
  }

  public int unkId() {
    return unkId;
  }

  public boolean byteFallback() {
    return byteFallback;
  }

  @Override
  public void tokenize(String normalized, TokenSink out) {
    if (normalized.isEmpty()) return;
    List<int[]> segments = algorithm == Algorithm.UNIGRAM ? viterbi(normalized) : mergePairs(normalized);
    int[] pending = null;
    for (int[] segment : segments) {
      // Without byte fallback, a run of unknown pieces becomes one unknown token, as SentencePiece merges them.
      if (pending != null && !byteFallback && pending[2] == unkId && segment[2] == unkId) {
        pending[1] = segment[1];
        continue;
      }
      if (pending != null) emit(normalized, pending[0], pending[1], pending[2], out);
      pending = segment;
    }
    if (pending != null) emit(normalized, pending[0], pending[1], pending[2], out);
  }

  /** Emits one segment (start, end, id); an unknown one may fall back to byte pieces. */
  private void emit(String text, int start, int end, int id, TokenSink out) {
    if (id != unkId || !byteFallback) {
      out.token(id, start, end);
      return;
    }
    for (byte b : text.substring(start, end).getBytes(StandardCharsets.UTF_8)) {
      int byteId = byteIds[b & 0xFF];
      out.token(byteId >= 0 ? byteId : unkId, start, end);
    }
  }

  /**
   * Unigram's {@code EncodeOptimized}: segments as (start, end, id) triples. Path scores are single
   * precision throughout, as sentencepiece 0.2 computes them: a candidate is the piece's score plus
   * the path's, rounded to float, and replaces the best path ending at the same place only when
   * strictly higher, so that of paths whose float scores tie the one found first stays.
   */
  private List<int[]> viterbi(String s) {
    int n = s.length();
    float[] best = new float[n + 1];
    int[] from = new int[n + 1];
    int[] bestId = new int[n + 1];
    java.util.Arrays.fill(from, -1);
    from[0] = 0;
    for (int start = 0; start < n; ) {
      float here = best[start];
      int charLength = Character.charCount(s.codePointAt(start));
      boolean singleCharacter = false;
      int node = CharTrie.ROOT;
      for (int i = start; i < n; i++) {
        long step = trie.step(node, s.charAt(i));
        if (step == CharTrie.NONE) break;
        node = CharTrie.child(step);
        int id = CharTrie.id(step);
        if (id < 0 || pieces.get(id).type() == Type.UNUSED) continue;
        int end = i + 1;
        // A user-defined piece gets a bonus (length in UTF-8 bytes times the highest score, minus 0.1)
        // that makes it win.
        float score = pieces.get(id).type() == Type.USER_DEFINED ? (float) (utf8Length(s, start, end) * maxScore - 0.1) : pieces.get(id).score();
        float candidate = score + here;
        if (from[end] < 0 || candidate > best[end]) {
          best[end] = candidate;
          from[end] = start;
          bestId[end] = id;
        }
        if (end - start == charLength) singleCharacter = true;
      }
      if (!singleCharacter) {
        int end = start + charLength;
        float candidate = unknownScore + here;
        if (from[end] < 0 || candidate > best[end]) {
          best[end] = candidate;
          from[end] = start;
          bestId[end] = unkId;
        }
      }
      start += charLength;
    }
    List<int[]> segments = new ArrayList<>();
    for (int end = n; end > 0; end = from[end]) segments.add(new int[] {from[end], end, bestId[end]});
    java.util.Collections.reverse(segments);
    return segments;
  }

  private static int utf8Length(String s, int from, int to) {
    return s.substring(from, to).getBytes(StandardCharsets.UTF_8).length;
  }

  /** A mergeable pair in BPE's agenda: left symbol, right symbol, merged piece's score and length. */
  private record Pair(int left, int right, float score, int length) {}

  /** BPE's {@code Encode}: best-scoring pair first, leftmost among equals; unused pieces split back. */
  private List<int[]> mergePairs(String s) {
    List<int[]> symbols = new ArrayList<>(); // start, end, prev, next, frozen
    for (int i = 0; i < s.length(); ) {
      int symbol = userDefined.longestAt(s, i);
      int length = symbol >= 0 ? userDefined.length(symbol) : Character.charCount(s.codePointAt(i));
      symbols.add(new int[] {i, i + length, symbols.size() - 1, -1, symbol >= 0 ? 1 : 0});
      i += length;
    }
    for (int k = 0; k + 1 < symbols.size(); k++) symbols.get(k)[3] = k + 1;
    PriorityQueue<Pair> agenda = new PriorityQueue<>((a, b) -> a.score() != b.score() ? Float.compare(b.score(), a.score()) : Integer.compare(a.left(), b.left()));
    java.util.Map<String, String[]> splitOfUnused = new java.util.HashMap<>();
    for (int k = 1; k < symbols.size(); k++) addPair(s, symbols, k - 1, k, agenda, splitOfUnused);
    while (!agenda.isEmpty()) {
      Pair top = agenda.poll();
      int[] left = symbols.get(top.left());
      int[] right = symbols.get(top.right());
      if (left[0] == left[1] || right[0] == right[1] || (left[1] - left[0]) + (right[1] - right[0]) != top.length()) continue;
      left[1] = right[1];
      left[3] = right[3];
      if (right[3] >= 0) symbols.get(right[3])[2] = top.left();
      right[0] = right[1];
      addPair(s, symbols, left[2], top.left(), agenda, splitOfUnused);
      addPair(s, symbols, top.left(), left[3], agenda, splitOfUnused);
    }
    List<int[]> segments = new ArrayList<>();
    for (int k = 0; k >= 0 && k < symbols.size(); k = symbols.get(k)[3]) resegment(s, symbols.get(k)[0], symbols.get(k)[1], splitOfUnused, segments);
    return segments;
  }

  private void addPair(String s, List<int[]> symbols, int left, int right, PriorityQueue<Pair> agenda, java.util.Map<String, String[]> splitOfUnused) {
    if (left < 0 || right < 0 || symbols.get(left)[4] == 1 || symbols.get(right)[4] == 1) return;
    String merged = s.substring(symbols.get(left)[0], symbols.get(right)[1]);
    int id = segmentable.getInt(merged);
    if (id < 0) return;
    agenda.add(new Pair(left, right, pieces.get(id).score(), merged.length()));
    if (pieces.get(id).type() == Type.UNUSED) {
      splitOfUnused.put(merged, new String[] {s.substring(symbols.get(left)[0], symbols.get(left)[1]), s.substring(symbols.get(right)[0], symbols.get(right)[1])});
    }
  }

  /** An unused piece is replaced by the two symbols it was merged from, recursively. */
  private void resegment(String s, int start, int end, java.util.Map<String, String[]> splitOfUnused, List<int[]> segments) {
    String piece = s.substring(start, end);
    int id = ids.getInt(piece);
    String[] parts = id >= 0 && pieces.get(id).type() == Type.UNUSED ? splitOfUnused.get(piece) : null;
    if (parts == null) {
      segments.add(new int[] {start, end, id >= 0 ? id : unkId});
      return;
    }
    resegment(s, start, start + parts[0].length(), splitOfUnused, segments);
    resegment(s, start + parts[0].length(), end, splitOfUnused, segments);
  }

  @Override
  public int vocabSize() {
    return pieces.size();
  }

  @Override
  public int tokenToId(String token) {
    return ids.getInt(token);
  }

  @Override
  public String idToToken(int id) {
    return id >= 0 && id < pieces.size() ? pieces.get(id).text() : null;
  }

  @Override
  public Stage describe() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("algorithm", algorithm() == Algorithm.UNIGRAM ? "Unigram" : "BPE");
    if (unkId() >= 0) p.put("unk_id", unkId());
    p.put("byte_fallback", byteFallback());
    List<Piece> pieces = pieces();
    p.put("pieces", LazyList.of(pieces.size(), i -> pieces.get(i).text()));
    p.put("piece_types", LazyList.of(pieces.size(), i -> pieces.get(i).type().name().toLowerCase(Locale.ROOT).replace('_', '-')));
    return new Stage(TYPE, p, List.of());
  }
}
