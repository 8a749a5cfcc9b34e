package dev.toksmith.core;

import dev.toksmith.api.TokenizerDescription;
import dev.toksmith.api.TokenizerDescription.Stage;
import dev.toksmith.core.decoders.BpeDecoder;
import dev.toksmith.core.decoders.ByteFallbackDecoder;
import dev.toksmith.core.decoders.ByteLevelDecoder;
import dev.toksmith.core.decoders.CtcDecoder;
import dev.toksmith.core.decoders.Decoder;
import dev.toksmith.core.decoders.DecoderSequence;
import dev.toksmith.core.decoders.FuseDecoder;
import dev.toksmith.core.decoders.MetaspaceDecoder;
import dev.toksmith.core.decoders.ReplaceDecoder;
import dev.toksmith.core.decoders.SentencePieceDecoder;
import dev.toksmith.core.decoders.StripDecoder;
import dev.toksmith.core.decoders.WordPieceDecoder;
import dev.toksmith.core.models.Model;
import dev.toksmith.core.models.bpe.BpeModel;
import dev.toksmith.core.models.bpe.BpeOptions;
import dev.toksmith.core.models.sentencepiece.SentencePieceModel;
import dev.toksmith.core.models.unigram.UnigramModel;
import dev.toksmith.core.models.wordlevel.WordLevelModel;
import dev.toksmith.core.models.wordpiece.WordPieceModel;
import dev.toksmith.core.normalizers.BertNormalizer;
import dev.toksmith.core.normalizers.Lowercase;
import dev.toksmith.core.normalizers.Nfc;
import dev.toksmith.core.normalizers.Nfd;
import dev.toksmith.core.normalizers.Nfkc;
import dev.toksmith.core.normalizers.Nfkd;
import dev.toksmith.core.normalizers.Nmt;
import dev.toksmith.core.normalizers.Normalizer;
import dev.toksmith.core.normalizers.NormalizerSequence;
import dev.toksmith.core.normalizers.Precompiled;
import dev.toksmith.core.normalizers.Prepend;
import dev.toksmith.core.normalizers.Replace;
import dev.toksmith.core.normalizers.SentencePieceNormalizer;
import dev.toksmith.core.normalizers.Strip;
import dev.toksmith.core.normalizers.StripAccents;
import dev.toksmith.core.pretokenizers.BertPreTokenizer;
import dev.toksmith.core.pretokenizers.ByteLevel;
import dev.toksmith.core.pretokenizers.CharDelimiterSplit;
import dev.toksmith.core.pretokenizers.Digits;
import dev.toksmith.core.pretokenizers.Metaspace;
import dev.toksmith.core.pretokenizers.PreTokenizer;
import dev.toksmith.core.pretokenizers.PreTokenizerSequence;
import dev.toksmith.core.pretokenizers.Punctuation;
import dev.toksmith.core.pretokenizers.Split;
import dev.toksmith.core.pretokenizers.SplitBehavior;
import dev.toksmith.core.pretokenizers.UnicodeScripts;
import dev.toksmith.core.pretokenizers.Whitespace;
import dev.toksmith.core.pretokenizers.WhitespaceSplit;
import dev.toksmith.core.processors.BertProcessing;
import dev.toksmith.core.processors.ByteLevelProcessor;
import dev.toksmith.core.processors.PostProcessor;
import dev.toksmith.core.processors.ProcessorSequence;
import dev.toksmith.core.processors.RobertaProcessing;
import dev.toksmith.core.processors.TemplateProcessing;
import java.util.AbstractList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@link TokenizerDescription} of a pipeline's stages: each stage's tokenizer.json {@code type}
 * and key parameters. Large tables (BPE merges, SentencePiece pieces) are views, made only when read.
 */
public final class StageDescriptions {
  private StageDescriptions() {}

  /** tokenizer.json type names by class, for the stages that need no parameters here. */
  private static final Map<Class<?>, String> TYPES = Map.ofEntries(
      Map.entry(Nfc.class, "NFC"), Map.entry(Nfd.class, "NFD"), Map.entry(Nfkc.class, "NFKC"), Map.entry(Nfkd.class, "NFKD"),
      Map.entry(Lowercase.class, "Lowercase"), Map.entry(StripAccents.class, "StripAccents"), Map.entry(Nmt.class, "Nmt"),
      Map.entry(Strip.class, "Strip"), Map.entry(Replace.class, "Replace"), Map.entry(Prepend.class, "Prepend"),
      Map.entry(BertNormalizer.class, "BertNormalizer"), Map.entry(Precompiled.class, "Precompiled"),
      Map.entry(Whitespace.class, "Whitespace"), Map.entry(WhitespaceSplit.class, "WhitespaceSplit"),
      Map.entry(BertPreTokenizer.class, "BertPreTokenizer"), Map.entry(UnicodeScripts.class, "UnicodeScripts"),
      Map.entry(Punctuation.class, "Punctuation"), Map.entry(Digits.class, "Digits"), Map.entry(CharDelimiterSplit.class, "CharDelimiterSplit"),
      Map.entry(Metaspace.class, "Metaspace"),
      Map.entry(ByteLevelProcessor.class, "ByteLevel"), Map.entry(BertProcessing.class, "BertProcessing"),
      Map.entry(RobertaProcessing.class, "RobertaProcessing"), Map.entry(TemplateProcessing.class, "TemplateProcessing"),
      Map.entry(ByteLevelDecoder.class, "ByteLevel"), Map.entry(MetaspaceDecoder.class, "Metaspace"), Map.entry(WordPieceDecoder.class, "WordPiece"),
      Map.entry(BpeDecoder.class, "BPEDecoder"), Map.entry(ByteFallbackDecoder.class, "ByteFallback"), Map.entry(FuseDecoder.class, "Fuse"),
      Map.entry(StripDecoder.class, "Strip"), Map.entry(ReplaceDecoder.class, "Replace"), Map.entry(CtcDecoder.class, "CTC"),
      Map.entry(SentencePieceDecoder.class, "SentencePiece"));

  /** The description of a pipeline made of these stages; any but the model may be null. */
  public static TokenizerDescription of(Normalizer normalizer, PreTokenizer preTokenizer, Model model, PostProcessor postProcessor, Decoder decoder, String fastPath) {
    return new TokenizerDescription(preTokenizer != null && preTokenizer.byteLevel(), normalizer == null ? null : normalizer(normalizer),
        preTokenizer == null ? null : preTokenizer(preTokenizer), model(model), postProcessor == null ? null : postProcessor(postProcessor),
        decoder == null ? null : decoder(decoder), fastPath);
  }

  static Stage normalizer(Normalizer n) {
    if (n instanceof NormalizerSequence seq) return new Stage("Sequence", Map.of(), seq.stages().stream().map(StageDescriptions::normalizer).toList());
    if (n instanceof SentencePieceNormalizer sp) {
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("precompiled_charsmap", sp.charsmap() != null);
      p.put("remove_extra_whitespaces", sp.removeExtraWhitespaces());
      p.put("add_dummy_prefix", sp.addDummyPrefix());
      p.put("whitespace_as_suffix", sp.whitespaceAsSuffix());
      p.put("escape_whitespaces", sp.escapeWhitespaces());
      return new Stage("SentencePiece", p, List.of());
    }
    return typeOnly(n);
  }

  /** A tokenizer.json {@code Split}: the pattern, whether it is a regex, the behavior and invert. */
  public static Stage split(String pattern, boolean regex, SplitBehavior behavior, boolean invert) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("pattern", pattern);
    p.put("regex", regex);
    p.put("behavior", behaviorName(behavior));
    p.put("invert", invert);
    return new Stage("Split", p, List.of());
  }

  /** A tokenizer.json {@code ByteLevel} pre-tokenizer. */
  public static Stage byteLevel(boolean addPrefixSpace, boolean trimOffsets, boolean useRegex) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("add_prefix_space", addPrefixSpace);
    p.put("trim_offsets", trimOffsets);
    p.put("use_regex", useRegex);
    return new Stage("ByteLevel", p, List.of());
  }

  static Stage preTokenizer(PreTokenizer pre) {
    if (pre instanceof PreTokenizerSequence seq) return new Stage("Sequence", Map.of(), seq.stages().stream().map(StageDescriptions::preTokenizer).toList());
    if (pre instanceof ByteLevel b) return byteLevel(b.addPrefixSpace(), b.trimOffsets(), b.useRegex());
    if (pre instanceof Split s) return split(s.patternText(), s.isRegex(), s.behavior(), s.invert());
    return typeOnly(pre);
  }

  /** Hugging Face's name of a split behavior, such as {@code MergedWithPrevious}. */
  private static String behaviorName(SplitBehavior behavior) {
    StringBuilder name = new StringBuilder();
    for (String word : behavior.name().split("_")) name.append(word.charAt(0)).append(word.substring(1).toLowerCase(Locale.ROOT));
    return name.toString();
  }

  static Stage model(Model model) {
    Map<String, Object> p = new LinkedHashMap<>();
    if (model instanceof BpeModel bpe) {
      BpeOptions o = bpe.options();
      putIfSet(p, "unk_token", o.unkToken());
      putIfSet(p, "continuing_subword_prefix", o.continuingSubwordPrefix());
      putIfSet(p, "end_of_word_suffix", o.endOfWordSuffix());
      p.put("fuse_unk", o.fuseUnk());
      p.put("byte_fallback", o.byteFallback());
      p.put("ignore_merges", o.ignoreMerges());
      p.put("vocab", view(bpe.idBound(), bpe::idToToken));
      List<BpeModel.Merge> merges = bpe.merges();
      p.put("merges", view(merges.size(), i -> bpe.idToToken(merges.get(i).left()) + " " + bpe.idToToken(merges.get(i).right())));
      return new Stage("BPE", p, List.of());
    }
    if (model instanceof WordPieceModel w) {
      putIfSet(p, "unk_token", w.unkToken());
      putIfSet(p, "continuing_subword_prefix", w.continuingSubwordPrefix());
      p.put("max_input_chars_per_word", w.maxInputCharsPerWord());
      return new Stage("WordPiece", p, List.of());
    }
    if (model instanceof WordLevelModel w) {
      putIfSet(p, "unk_token", w.unkToken());
      return new Stage("WordLevel", p, List.of());
    }
    if (model instanceof UnigramModel u) {
      if (u.unkId() >= 0) p.put("unk_id", u.unkId());
      p.put("byte_fallback", u.byteFallback());
      return new Stage("Unigram", p, List.of());
    }
    if (model instanceof SentencePieceModel sp) {
      p.put("algorithm", sp.algorithm() == SentencePieceModel.Algorithm.UNIGRAM ? "Unigram" : "BPE");
      if (sp.unkId() >= 0) p.put("unk_id", sp.unkId());
      p.put("byte_fallback", sp.byteFallback());
      List<SentencePieceModel.Piece> pieces = sp.pieces();
      p.put("pieces", view(pieces.size(), i -> pieces.get(i).text()));
      p.put("piece_types", view(pieces.size(), i -> pieces.get(i).type().name().toLowerCase(Locale.ROOT).replace('_', '-')));
      return new Stage("SentencePiece", p, List.of());
    }
    return typeOnly(model);
  }

  static Stage postProcessor(PostProcessor processor) {
    if (processor instanceof ProcessorSequence seq) return new Stage("Sequence", Map.of(), seq.processors().stream().map(StageDescriptions::postProcessor).toList());
    return typeOnly(processor);
  }

  static Stage decoder(Decoder decoder) {
    if (decoder instanceof DecoderSequence seq) return new Stage("Sequence", Map.of(), seq.decoders().stream().map(StageDescriptions::decoder).toList());
    return typeOnly(decoder);
  }

  /** A stage known by its type alone; a component with no tokenizer.json form by its class's name. */
  private static Stage typeOnly(Object component) {
    return Stage.of(TYPES.getOrDefault(component.getClass(), component.getClass().getSimpleName()));
  }

  private static void putIfSet(Map<String, Object> parameters, String name, String value) {
    if (value != null) parameters.put(name, value);
  }

  /** An unmodifiable list whose elements are made when read. */
  private static List<String> view(int size, java.util.function.IntFunction<String> element) {
    return new AbstractList<>() {
      @Override
      public String get(int index) {
        return element.apply(java.util.Objects.checkIndex(index, size));
      }

      @Override
      public int size() {
        return size;
      }
    };
  }
}
