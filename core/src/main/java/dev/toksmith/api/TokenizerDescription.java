package dev.toksmith.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A read-only description of a tokenizer's stages, as Hugging Face's tokenizer.json lays them out:
 * normalizer, pre-tokenizer, model, post-processor and decoder, each with its tokenizer.json {@code
 * type} and its key parameters under their tokenizer.json names. A stage the tokenizer does not have
 * is null. Stages that have no tokenizer.json form carry toksmith's own type: {@code Tiktoken} (a
 * tiktoken rank table) and {@code SentencePiece} (a SentencePiece {@code .model} run as
 * SentencePiece runs it, model and normalizer).
 *
 * <pre>{@code
 * TokenizerDescription d = tokenizer.description();
 * d.model().type();                            // "BPE"
 * d.model().parameter("byte_fallback");        // false
 * d.preTokenizer().children().get(0).type();   // "Split", in a Sequence
 * }</pre>
 *
 * @param byteLevel whether the model sees bytes (a ByteLevel pre-tokenizer, or tiktoken): every
 *     string, and raw bytes, encode without an unknown token
 * @param normalizer the normalizer, or null
 * @param preTokenizer the pre-tokenizer, or null
 * @param model the model; never null
 * @param postProcessor the post-processor, or null
 * @param decoder the decoder, or null (tokens are joined by spaces)
 * @param fastPath how toksmith runs the stages when it compiled them to one scanner (such as the
 *     o200k pattern feeding byte-level BPE), for people to read; null when they run one by one
 */
public record TokenizerDescription(boolean byteLevel, Stage normalizer, Stage preTokenizer, Stage model, Stage postProcessor, Stage decoder, String fastPath) {
  /** @throws IllegalArgumentException if the model is missing */
  public TokenizerDescription {
    if (model == null) throw new IllegalArgumentException("a tokenizer has a model");
  }

  /**
   * One stage: its type, its parameters (in the order tokenizer.json writes them; values are {@code
   * String}, {@code Boolean}, {@code Integer}, {@code Double} or unmodifiable lists of those), and
   * the stages it holds (a {@code Sequence}'s, in order).
   *
   * <pre>{@code
   * Stage split = new Stage("Split", Map.of("pattern", " ", "behavior", "Isolated"), List.of());
   * }</pre>
   *
   * @param type the tokenizer.json {@code type}, such as {@code ByteLevel} or {@code NFKC}
   * @param parameters the key parameters by tokenizer.json field name
   * @param children the stages of a sequence; empty for others
   */
  public record Stage(String type, Map<String, Object> parameters, List<Stage> children) {
    /** @throws IllegalArgumentException if the type is missing */
    public Stage {
      if (type == null || type.isEmpty()) throw new IllegalArgumentException("a stage has a type");
      parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
      children = List.copyOf(children);
    }

    /** A stage with only its type. */
    public static Stage of(String type) {
      return new Stage(type, Map.of(), List.of());
    }

    /** The parameter of that name, or null when the stage has none of it (or it is unset). */
    public Object parameter(String name) {
      return parameters.get(name);
    }

    /** Whether the parameter of that name is {@code true}. */
    public boolean flag(String name) {
      return Boolean.TRUE.equals(parameters.get(name));
    }
  }
}
