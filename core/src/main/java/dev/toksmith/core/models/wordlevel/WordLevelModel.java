package dev.toksmith.core.models.wordlevel;

import dev.toksmith.api.TokenizerDescription.Stage;
import dev.toksmith.core.models.TokenSink;
import dev.toksmith.core.models.Vocabulary;
import dev.toksmith.core.models.VocabularyModel;
import it.unimi.dsi.fastutil.objects.Object2IntMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Word-level lookup, as Hugging Face's {@code WordLevel} model: a piece is one token, its own if the
 * vocabulary has it, the unknown token otherwise.
 */
public final class WordLevelModel implements VocabularyModel {
  /** The tokenizer.json type. */
  public static final String TYPE = "WordLevel";

  private final Vocabulary vocab;
  private final String unkToken;

  /**
   * Builds a model. An unknown token missing from the vocabulary is an error only when a piece needs
   * it, as in Hugging Face.
   *
   * @throws IllegalArgumentException if an id is negative
   */
  public WordLevelModel(Object2IntMap<String> vocab, String unkToken) {
    this(new Vocabulary(vocab), unkToken);
  }

  /** Builds a model on a vocabulary; see {@link #WordLevelModel(Object2IntMap, String)}. */
  public WordLevelModel(Vocabulary vocab, String unkToken) {
    this.vocab = vocab;
    this.unkToken = unkToken;
  }

  /** The token of a piece not in the vocabulary. */
  public String unkToken() {
    return unkToken;
  }

  @Override
  public Vocabulary vocabulary() {
    return vocab;
  }

  @Override
  public void tokenize(String piece, TokenSink out) {
    // Hugging Face never hands a model an empty piece.
    if (piece.isEmpty()) return;
    int id = vocab.id(piece);
    out.token(id >= 0 ? id : vocab.unknownTokenId(unkToken), 0, piece.length());
  }

  @Override
  public Stage describe() {
    Map<String, Object> p = new LinkedHashMap<>();
    if (unkToken() != null) p.put("unk_token", unkToken());
    return new Stage(TYPE, p, List.of());
  }
}
