package dev.toksmith;

import dev.toksmith.api.ByteLevelLanguageModel;
import dev.toksmith.api.TokenLanguageModel;
import dev.toksmith.api.Tokenizer;
import dev.toksmith.core.lm.ByteLevelModel;
import dev.toksmith.core.lm.CanonicalModel;
import dev.toksmith.core.lm.TokenBytes;
import java.util.Objects;

/**
 * A token language model with the tokenizer whose ids it scores, and that tokenizer's byte view: what
 * reading the model byte by byte ({@link #byteLevel}), token healing and ensembles over models with
 * different tokenizers ({@link LanguageModels}) need. Building the byte view takes a pass over the
 * tokenizer's vocabulary, so make one of these per model and share it; it is immutable and
 * thread-safe (the model must be too, as {@link TokenLanguageModel} asks).
 *
 * <pre>{@code
 * TokenizedModel gpt2 = TokenizedModel.canonical(onnxModel, onnxModel.tokenizer());
 * double[] next = gpt2.byteLevel().start("the United Sta".getBytes(UTF_8)).nextByteLogProbs();
 * int[] ids = gpt2.encodePlain("<|endoftext|> is text here".getBytes(UTF_8));
 * }</pre>
 *
 * {@link NgramModel}, toksmith's own n-gram model, is one of these.
 */
public class TokenizedModel {
  private final TokenLanguageModel model;
  private final Tokenizer tokenizer;
  /** Built when first needed when not given: a model trained without it may never be read by bytes. */
  private volatile TokenBytes tokens;
  private volatile ByteLevelModel byteLevel;

  /** {@code tokens} may be null, to be built from the tokenizer when first needed. */
  TokenizedModel(TokenLanguageModel model, Tokenizer tokenizer, TokenBytes tokens) {
    this.model = model;
    this.tokenizer = tokenizer;
    this.tokens = tokens;
  }

  /**
   * {@code model} as it is, over {@code tokenizer}'s ids. Byte-level probabilities are exact only if
   * the model gives no mass to token sequences the tokenizer never produces (an {@link NgramModel}
   * trained canonical-only gives none); otherwise use {@link #canonical}.
   *
   * @throws IllegalArgumentException if the tokenizer's decoding is not the concatenation of its
   *     tokens' bytes
   */
  public static TokenizedModel of(TokenLanguageModel model, Tokenizer tokenizer) {
    Objects.requireNonNull(model, "model");
    return new TokenizedModel(model, tokenizer, TokenBytes.of(Objects.requireNonNull(tokenizer, "tokenizer")));
  }

  /**
   * {@code model} restricted to the token sequences {@code tokenizer} produces (canonical ones), which
   * the exact byte-level method needs: the mass of every other continuation is dropped and the rest
   * renormalised.
   *
   * @throws IllegalArgumentException as {@link #of}
   */
  public static TokenizedModel canonical(TokenLanguageModel model, Tokenizer tokenizer) {
    Objects.requireNonNull(model, "model");
    TokenBytes tokens = TokenBytes.of(Objects.requireNonNull(tokenizer, "tokenizer"));
    return new TokenizedModel(new CanonicalModel(model, tokens), tokenizer, tokens);
  }

  /** The token-level model (restricted to canonical sequences if made by {@link #canonical}). */
  public final TokenLanguageModel model() {
    return model;
  }

  /** The tokenizer whose ids the model scores. */
  public final Tokenizer tokenizer() {
    return tokenizer;
  }

  /**
   * The canonical ids of {@code text} read as plain text, as the byte-level reading sees it: a special
   * token's text is ordinary text, and no special token is added.
   */
  public final int[] encodePlain(byte[] text) {
    return tokens().encode(text, 0, text.length);
  }

  /**
   * The model read byte by byte: exact next-byte probabilities after any prefix.
   *
   * @throws IllegalArgumentException if the model scores fewer ids than the tokenizer has
   */
  public final ByteLevelLanguageModel byteLevel() {
    return byteLevelModel();
  }

  /** The tokenizer's byte view, for the library's own LM functions. */
  final TokenBytes tokens() {
    TokenBytes view = tokens;
    if (view == null) {
      synchronized (this) {
        if (tokens == null) tokens = TokenBytes.of(tokenizer);
        view = tokens;
      }
    }
    return view;
  }

  /** {@link #byteLevel} as the ensembles take it. */
  final ByteLevelModel byteLevelModel() {
    ByteLevelModel reader = byteLevel;
    if (reader == null) {
      TokenBytes view = tokens();
      synchronized (this) {
        if (byteLevel == null) byteLevel = new ByteLevelModel(model, view);
        reader = byteLevel;
      }
    }
    return reader;
  }
}
