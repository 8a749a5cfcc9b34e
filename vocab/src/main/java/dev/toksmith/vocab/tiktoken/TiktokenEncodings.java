package dev.toksmith.vocab.tiktoken;

import dev.toksmith.core.models.TiktokenModel;
import dev.toksmith.core.models.tiktoken.TiktokenTokenizer;
import dev.toksmith.core.pretokenizers.Cl100kPattern;
import dev.toksmith.core.pretokenizers.O200kPattern;
import dev.toksmith.core.pretokenizers.SplitPatterns;
import dev.toksmith.vocab.TokenizerFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * OpenAI's tiktoken encodings, built in: r50k_base (and its alias gpt2), p50k_base, p50k_edit,
 * cl100k_base, o200k_base and o200k_harmony, each with tiktoken's split pattern and special tokens
 * ({@code tiktoken_ext/openai_public.py}), and tiktoken's model-name tables ({@code tiktoken/model.py}:
 * {@code gpt-4o} is o200k_base, {@code gpt-4-0613} matches the prefix {@code gpt-4-}, ...).
 *
 * <p>The rank files are OpenAI's, taken at build time from the jtokkit jar; the build checks each
 * against the SHA-256 tiktoken publishes for it and writes its {@link CompactRanks binary form}, which
 * is what loads, after checking that it was built from the file with that hash. Nothing is downloaded.
 * Loaded encodings are cached and shared (they are immutable).
 */
public final class TiktokenEncodings {
  private static final String ENDOFTEXT = "<|endoftext|>";
  private static final String FIM_PREFIX = "<|fim_prefix|>";
  private static final String FIM_MIDDLE = "<|fim_middle|>";
  private static final String FIM_SUFFIX = "<|fim_suffix|>";
  private static final String ENDOFPROMPT = "<|endofprompt|>";

  /** A rank file among the resources, with the SHA-256 tiktoken expects of it. */
  record RankResource(String file, String sha256) {}

  private static final RankResource R50K = new RankResource("r50k_base.tiktoken", "306cd27f03c1a714eca7108e03d66b7dc042abe8c258b44c199a7ed9838dd930");
  private static final RankResource P50K = new RankResource("p50k_base.tiktoken", "94b5ca7dff4d00767bc256fdd1b27e5b17361d7b8a5f968547f9f23eb70d2069");
  private static final RankResource CL100K = new RankResource("cl100k_base.tiktoken", "223921b76ee99bde995b7ff738513eef100fb51d18c93597a113bcffe865b2a7");
  private static final RankResource O200K = new RankResource("o200k_base.tiktoken", "446a9538cb6c348e3516120d7c08b09f57c36495e2acfffe59a5bf8b0cfb1a2d");

  /** Every built-in rank file. */
  static final List<RankResource> RANK_RESOURCES = List.of(R50K, P50K, CL100K, O200K);

  /**
   * One encoding: its ranks, {@code pat_str}, special tokens in tiktoken's order, and tiktoken's
   * {@code explicit_n_vocab} (0 where it gives none).
   */
  private record Definition(RankResource ranks, String pattern, Map<String, Integer> specialTokens, int explicitVocabSize) {}

  private static final Map<String, Definition> ENCODINGS = new TreeMap<>();

  static {
    Map<String, Integer> endOfText = Map.of(ENDOFTEXT, 50256);
    // gpt2 is tiktoken's name for GPT-2's own files (vocab.bpe, encoder.json), which hold r50k_base's ranks.
    ENCODINGS.put("gpt2", new Definition(R50K, SplitPatterns.GPT2_TIKTOKEN_REGEX, endOfText, 50257));
    ENCODINGS.put("r50k_base", new Definition(R50K, SplitPatterns.GPT2_TIKTOKEN_REGEX, endOfText, 50257));
    ENCODINGS.put("p50k_base", new Definition(P50K, SplitPatterns.GPT2_TIKTOKEN_REGEX, endOfText, 50281));
    ENCODINGS.put("p50k_edit", new Definition(P50K, SplitPatterns.GPT2_TIKTOKEN_REGEX,
        ordered(ENDOFTEXT, 50256, FIM_PREFIX, 50281, FIM_MIDDLE, 50282, FIM_SUFFIX, 50283), 0));
    ENCODINGS.put("cl100k_base", new Definition(CL100K, Cl100kPattern.TIKTOKEN_REGEX,
        ordered(ENDOFTEXT, 100257, FIM_PREFIX, 100258, FIM_MIDDLE, 100259, FIM_SUFFIX, 100260, ENDOFPROMPT, 100276), 0));
    Map<String, Integer> o200k = ordered(ENDOFTEXT, 199999, ENDOFPROMPT, 200018);
    ENCODINGS.put("o200k_base", new Definition(O200K, O200kPattern.REGEX, o200k, 0));
    ENCODINGS.put("o200k_harmony", new Definition(O200K, O200kPattern.REGEX, harmonySpecials(o200k), 0));
  }

  /** o200k_base's special tokens, then harmony's in tiktoken's order; 200018 keeps {@code <|endofprompt|>} first. */
  private static Map<String, Integer> harmonySpecials(Map<String, Integer> base) {
    Map<String, Integer> specials = new LinkedHashMap<>(base);
    specials.putAll(ordered("<|startoftext|>", 199998, ENDOFTEXT, 199999, "<|reserved_200000|>", 200000, "<|reserved_200001|>", 200001,
        "<|return|>", 200002, "<|constrain|>", 200003, "<|reserved_200004|>", 200004, "<|channel|>", 200005, "<|start|>", 200006,
        "<|end|>", 200007, "<|message|>", 200008, "<|reserved_200009|>", 200009, "<|reserved_200010|>", 200010,
        "<|reserved_200011|>", 200011, "<|call|>", 200012));
    for (int id = 200013; id < 201088; id++) specials.put("<|reserved_" + id + "|>", id);
    return specials;
  }

  private static Map<String, Integer> ordered(Object... textsAndIds) {
    Map<String, Integer> map = new LinkedHashMap<>();
    for (int i = 0; i < textsAndIds.length; i += 2) map.put((String) textsAndIds[i], (Integer) textsAndIds[i + 1]);
    return map;
  }

  /** tiktoken's {@code MODEL_TO_ENCODING} (tiktoken 0.11/0.12). */
  static final Map<String, String> MODEL_TO_ENCODING = new LinkedHashMap<>();

  /** tiktoken's {@code MODEL_PREFIX_TO_ENCODING}, tried in this order. */
  static final Map<String, String> MODEL_PREFIX_TO_ENCODING = new LinkedHashMap<>();

  static {
    String o200k = "o200k_base";
    String cl100k = "cl100k_base";
    String p50k = "p50k_base";
    String r50k = "r50k_base";
    for (String prefix : List.of("o1-", "o3-", "o4-mini-", "gpt-5-", "gpt-4.5-", "gpt-4.1-", "chatgpt-4o-", "gpt-4o-")) MODEL_PREFIX_TO_ENCODING.put(prefix, o200k);
    for (String prefix : List.of("gpt-4-", "gpt-3.5-turbo-", "gpt-35-turbo-")) MODEL_PREFIX_TO_ENCODING.put(prefix, cl100k);
    MODEL_PREFIX_TO_ENCODING.put("gpt-oss-", "o200k_harmony");
    MODEL_PREFIX_TO_ENCODING.put("ft:gpt-4o", o200k);
    for (String prefix : List.of("ft:gpt-4", "ft:gpt-3.5-turbo", "ft:davinci-002", "ft:babbage-002")) MODEL_PREFIX_TO_ENCODING.put(prefix, cl100k);

    for (String model : List.of("o1", "o3", "o4-mini", "gpt-5", "gpt-4.1", "gpt-4o")) MODEL_TO_ENCODING.put(model, o200k);
    for (String model : List.of("gpt-4", "gpt-3.5-turbo", "gpt-3.5", "gpt-35-turbo", "davinci-002", "babbage-002",
        "text-embedding-ada-002", "text-embedding-3-small", "text-embedding-3-large")) {
      MODEL_TO_ENCODING.put(model, cl100k);
    }
    for (String model : List.of("text-davinci-003", "text-davinci-002")) MODEL_TO_ENCODING.put(model, p50k);
    for (String model : List.of("text-davinci-001", "text-curie-001", "text-babbage-001", "text-ada-001", "davinci", "curie", "babbage", "ada")) {
      MODEL_TO_ENCODING.put(model, r50k);
    }
    for (String model : List.of("code-davinci-002", "code-davinci-001", "code-cushman-002", "code-cushman-001", "davinci-codex", "cushman-codex")) {
      MODEL_TO_ENCODING.put(model, p50k);
    }
    for (String model : List.of("text-davinci-edit-001", "code-davinci-edit-001")) MODEL_TO_ENCODING.put(model, "p50k_edit");
    for (String model : List.of("text-similarity-davinci-001", "text-similarity-curie-001", "text-similarity-babbage-001", "text-similarity-ada-001",
        "text-search-davinci-doc-001", "text-search-curie-doc-001", "text-search-babbage-doc-001", "text-search-ada-doc-001",
        "code-search-babbage-code-001", "code-search-ada-code-001")) {
      MODEL_TO_ENCODING.put(model, r50k);
    }
    MODEL_TO_ENCODING.put("gpt2", "gpt2");
    MODEL_TO_ENCODING.put("gpt-2", "gpt2");
  }

  /**
   * Models by rank file name. Not by {@link RankResource}: a record's first hashCode is bootstrapped
   * through method handles, some fifteen classes spun at run time, a few milliseconds of every start.
   */
  private static final Map<String, TiktokenModel> MODELS = new ConcurrentHashMap<>();
  private static final Map<String, TiktokenTokenizer> LOADED = new ConcurrentHashMap<>();

  private TiktokenEncodings() {}

  /** The encoding names, sorted. */
  public static List<String> names() {
    return List.copyOf(ENCODINGS.keySet());
  }

  /**
   * The encoding a name stands for: an encoding name itself, else a model name as tiktoken's {@code
   * encoding_name_for_model} maps it (exact names first, then prefixes in tiktoken's order).
   */
  public static Optional<String> encodingNameFor(String name) {
    if (ENCODINGS.containsKey(name)) return Optional.of(name);
    String encoding = MODEL_TO_ENCODING.get(name);
    if (encoding != null) return Optional.of(encoding);
    for (Map.Entry<String, String> prefix : MODEL_PREFIX_TO_ENCODING.entrySet()) {
      if (name.startsWith(prefix.getKey())) return Optional.of(prefix.getValue());
    }
    return Optional.empty();
  }

  /** The split regex of an encoding (by encoding or model name), without loading its ranks. */
  public static Optional<String> patternOf(String name) {
    return encodingNameFor(name).map(encoding -> ENCODINGS.get(encoding).pattern());
  }

  /**
   * Loads the encoding a name stands for (see {@link #encodingNameFor}); special tokens are text until
   * allowed ({@link TiktokenTokenizer#withAllowedSpecial}).
   *
   * @throws IOException if a rank file is missing from the build or was built from another file
   */
  public static Optional<TiktokenTokenizer> load(String name) throws IOException {
    Optional<String> encoding = encodingNameFor(name);
    if (encoding.isEmpty()) return Optional.empty();
    TiktokenTokenizer loaded = LOADED.get(encoding.get());
    if (loaded == null) {
      loaded = build(encoding.get(), ENCODINGS.get(encoding.get()));
      LOADED.putIfAbsent(encoding.get(), loaded);
    }
    return Optional.of(loaded);
  }

  private static TiktokenTokenizer build(String name, Definition definition) throws IOException {
    TiktokenModel model = MODELS.get(definition.ranks().file());
    if (model == null) {
      String file = CompactRanks.binaryName(definition.ranks().file());
      try (InputStream in = TiktokenEncodings.class.getResourceAsStream(file)) {
        if (in == null) throw new IOException("rank file " + file + " is missing from this build of toksmith-vocab");
        model = CompactRanks.read(in, file, definition.ranks().sha256());
      }
      MODELS.putIfAbsent(definition.ranks().file(), model);
    }
    TiktokenTokenizer tokenizer = new TiktokenTokenizer(name, definition.pattern(), model, definition.specialTokens());
    // tiktoken's own check of explicit_n_vocab.
    int expected = definition.explicitVocabSize();
    if (expected > 0 && (model.size() + definition.specialTokens().size() != expected || tokenizer.idBound() != expected)) {
      throw new IllegalStateException(name + " has " + tokenizer.idBound() + " ids, tiktoken says " + expected);
    }
    return tokenizer;
  }

  /**
   * Reads a rank file and checks that its SHA-256 is {@code sha256} before parsing it.
   *
   * @throws TokenizerFormatException naming the file and both hashes when they differ
   */
  static TiktokenModel readVerified(InputStream in, String file, String sha256) throws IOException {
    byte[] content = in.readAllBytes();
    String actual;
    try {
      actual = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
    if (!actual.equals(sha256)) {
      throw new TokenizerFormatException(file + ": SHA-256 " + actual + " differs from " + sha256 + ", the hash tiktoken publishes for it; the file is damaged or not OpenAI's");
    }
    return RankFile.parse(content, file);
  }
}
