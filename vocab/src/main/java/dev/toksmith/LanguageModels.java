package dev.toksmith;

import dev.toksmith.api.ByteLevelLanguageModel;
import dev.toksmith.api.ByteState;
import dev.toksmith.api.TokenLanguageModel;
import dev.toksmith.api.Tokenizer;
import dev.toksmith.core.lm.ByteEnsemble;
import dev.toksmith.core.lm.ByteLevelModel;
import dev.toksmith.core.lm.Completion;
import dev.toksmith.core.lm.Scoring;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Exact byte-level probabilities from a token-level language model: the model is restricted to the
 * token sequences its tokenizer produces (canonical ones), then read byte by byte, so that the
 * probability of any byte string, and of the next byte after any prefix, is exact rather than the
 * probability of one tokenization of it.
 *
 * <pre>{@code
 * TokenLanguageModel lm = ...;                       // yours, an OnnxLanguageModel, or an n-gram model
 * ByteLevelLanguageModel bytes = LanguageModels.byteLevel(lm, tokenizer);
 * double[] next = bytes.start("the United Sta".getBytes(UTF_8)).nextByteLogProbs();
 * double bits = LanguageModels.bits(bytes, "some text".getBytes(UTF_8));
 * ByteLevelLanguageModel both = LanguageModels.mixture(List.of(   // models with different tokenizers
 *     TokenizedModel.canonical(lm, tokenizer), LanguageModelFile.load(Path.of("english.lm")).model()));
 * }</pre>
 *
 * A {@link TokenizedModel} keeps a model with its tokenizer's byte view, which takes a pass over the
 * vocabulary to build: {@link #byteLevel} builds one each call, so for many calls make a {@code
 * TokenizedModel} once and use its {@link TokenizedModel#byteLevel()}.
 */
public final class LanguageModels {
  private LanguageModels() {}

  /**
   * {@code model} over {@code tokenizer}'s ids, read byte by byte. The model must score at least the
   * tokenizer's ids; building the tokenizer's byte view takes a pass over its vocabulary, so build
   * this once and share it (it is thread-safe).
   *
   * @throws IllegalArgumentException if the model scores fewer ids than the tokenizer has, or the
   *     tokenizer's decoding is not the concatenation of its tokens' bytes
   */
  public static ByteLevelLanguageModel byteLevel(TokenLanguageModel model, Tokenizer tokenizer) {
    return TokenizedModel.canonical(model, tokenizer).byteLevel();
  }

  /**
   * The Bayesian mixture of {@code models} read byte by byte, whatever their tokenizers, with equal
   * prior weights: each model's weight is its prior times the probability it gave the bytes so far,
   * so {@code P(b | x) = sum_k w_k P_k(x) P_k(b | x) / sum_k w_k P_k(x)}.
   *
   * @throws IllegalArgumentException if there is no model
   */
  public static ByteLevelLanguageModel mixture(List<? extends TokenizedModel> models) {
    return new ByteEnsemble(byteLevelModels(models), ByteEnsemble.Kind.MIXTURE);
  }

  /**
   * The product of {@code models}' next-byte distributions, renormalised, whatever their tokenizers.
   *
   * @throws IllegalArgumentException if there is no model
   */
  public static ByteLevelLanguageModel product(List<? extends TokenizedModel> models) {
    return new ByteEnsemble(byteLevelModels(models), ByteEnsemble.Kind.PRODUCT);
  }

  private static List<ByteLevelModel> byteLevelModels(List<? extends TokenizedModel> models) {
    List<ByteLevelModel> byteLevel = new ArrayList<>(models.size());
    for (TokenizedModel m : models) byteLevel.add(m.byteLevelModel());
    return byteLevel;
  }

  /** Bits {@code model} needs for {@code text} followed by end-of-text, read byte by byte from the start of a text. */
  public static double bits(ByteLevelLanguageModel model, byte[] text) {
    return Scoring.byteLevelBits(model.start(new byte[0]), text);
  }

  /**
   * Bits {@code model} needs for the token ids of a text followed by end-of-text. For a model
   * restricted to canonical ids and the text's canonical ids, this equals {@link #bits}.
   */
  public static double tokenLevelBits(TokenLanguageModel model, int[] ids) {
    return Scoring.tokenLevelBits(model, ids);
  }

  /**
   * Up to {@code maxBytes} bytes that follow {@code prompt} (more only to finish a character),
   * stopping at end-of-text, drawn byte by byte so that a prompt ending inside a token or a
   * character is continued exactly. Only bytes that keep the text valid UTF-8 are drawn. Greedy when
   * {@code random} is null, else sampled.
   */
  public static byte[] complete(ByteLevelLanguageModel model, byte[] prompt, int maxBytes, RandomGenerator random) {
    ByteState state = model.start(prompt);
    return Completion.byteLevel(state, prompt, maxBytes, random);
  }

  /**
   * Up to {@code maxBytes} bytes that follow {@code prompt} by greedy token healing: the prompt's last
   * token is taken back and regenerated among the tokens that start with its bytes, then the model
   * continues token by token. The comparison point for {@link #complete}.
   */
  public static byte[] completeWithTokenHealing(TokenizedModel model, byte[] prompt, int maxBytes) {
    return Completion.tokenHealing(model.model(), model.tokens(), prompt, maxBytes);
  }

  /**
   * Up to {@code maxBytes} bytes that follow {@code prompt} by greedy token-level continuation of the
   * prompt's canonical ids as they are, which goes wrong when the prompt ends inside a token.
   */
  public static byte[] completeNaively(TokenizedModel model, byte[] prompt, int maxBytes) {
    return Completion.naive(model.model(), model.tokens(), prompt, maxBytes);
  }
}
