package dev.toksmith.cli;

import dev.toksmith.TokenizerSpec;
import dev.toksmith.api.Tokenizer;
import dev.toksmith.core.AddedToken;
import dev.toksmith.core.Pipeline;
import dev.toksmith.core.models.bpe.BpeModel;
import dev.toksmith.core.models.sentencepiece.SentencePieceModel;
import dev.toksmith.core.models.tiktoken.TiktokenTokenizer;
import dev.toksmith.core.normalizers.Normalizers;
import dev.toksmith.core.pretokenizers.ByteLevel;
import dev.toksmith.core.pretokenizers.PreTokenizer;
import dev.toksmith.core.pretokenizers.PreTokenizerSequence;
import dev.toksmith.core.pretokenizers.Split;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

@Command(name = "inspect", mixinStandardHelpOptions = true, description = "Describe a tokenizer: model, vocabulary, pipeline stages, special tokens, sample tokens.")
final class InspectCommand implements Callable<Integer> {
  @ParentCommand Main main;

  @Mixin TokenizerOption tokenizer;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin WordPooledLayout wordPooled;

  @Override
  public Integer call() throws Exception {
    if (tokenizer.parse(spec) instanceof TokenizerSpec.WordPooled pooled) return WordPooledCli.inspect(main, spec, pooled, wordPooled);
    WordPooledCli.rejectOptions(spec);
    Tokenizer tok = tokenizer.load();
    Output out = main.streams.out();
    if (tok instanceof TiktokenTokenizer tiktoken) {
      describe(out, tiktoken);
      return 0;
    }
    Pipeline p = (Pipeline) tok;
    out.println("tokenizer:      " + tokenizer.spec);
    out.println("model:          " + describe(p));
    out.println("vocabulary:     " + tok.vocabSize() + " tokens");
    out.println("normalizer:     " + (p.normalizer() == null ? "none" : Normalizers.describe(p.normalizer())));
    out.println("pre-tokenizer:  " + describe(p.preTokenizer()));
    out.println("post-processor: " + (p.postProcessor() == null ? "none" : p.postProcessor().getClass().getSimpleName()));
    out.println("decoder:        " + (p.decoder() == null ? "none (tokens joined by spaces)" : p.decoder().getClass().getSimpleName()));
    out.println("fast path:      " + (p.fastPath() == null ? "none (the stages run one by one)" : p.fastPath().description()));
    List<String> specials = new ArrayList<>();
    List<String> others = new ArrayList<>();
    for (int id : p.addedVocabulary().idsAscending()) {
      AddedToken t = p.addedVocabulary().tokenOf(id);
      (p.addedVocabulary().isSpecialContent(t.content()) ? specials : others).add(id + "=" + t.content());
    }
    if (p.model() instanceof SentencePieceModel sp) {
      // SentencePiece's control and unknown pieces are its special tokens; they live in the model, not as added tokens.
      for (int id = 0; id < sp.pieces().size(); id++) {
        SentencePieceModel.Type type = sp.pieces().get(id).type();
        if (type == SentencePieceModel.Type.CONTROL || type == SentencePieceModel.Type.UNKNOWN) specials.add(id + "=" + sp.pieces().get(id).text());
      }
    }
    out.println("special tokens: " + (specials.isEmpty() ? "none" : String.join(" ", specials)));
    if (!others.isEmpty()) out.println("added tokens:   " + others.size() + " (" + String.join(" ", others.subList(0, Math.min(10, others.size()))) + (others.size() > 10 ? " ..." : "") + ")");
    if (p.model() instanceof BpeModel bpe && !bpe.merges().isEmpty()) {
      List<String> first = new ArrayList<>();
      for (BpeModel.Merge m : bpe.merges().subList(0, Math.min(10, bpe.merges().size()))) first.add(TokenDisplay.token(tok, m.result()));
      out.println("first merges:   " + String.join(" ", first));
      List<Integer> ids = new ArrayList<>();
      for (int id = 0; id < bpe.idBound(); id++) if (bpe.idToToken(id) != null) ids.add(id);
      out.println("longest tokens: " + longest(tok, ids));
    }
    if (p.model() instanceof SentencePieceModel sp) {
      List<Integer> ids = new ArrayList<>();
      for (int id = 0; id < sp.pieces().size(); id++) if (sp.pieces().get(id).type() == SentencePieceModel.Type.NORMAL) ids.add(id);
      out.println("longest tokens: " + longest(tok, ids));
    }
    return 0;
  }

  /** The model: its kind and size. */
  private static String describe(Pipeline p) {
    if (p.model() instanceof BpeModel bpe) return "BPE (" + bpe.merges().size() + " merges" + (p.preTokenizer() != null && p.preTokenizer().byteLevel() ? ", byte-level" : "") + ")";
    if (p.model() instanceof SentencePieceModel sp) {
      Map<SentencePieceModel.Type, Integer> types = new EnumMap<>(SentencePieceModel.Type.class);
      for (SentencePieceModel.Piece piece : sp.pieces()) types.merge(piece.type(), 1, Integer::sum);
      List<String> counts = new ArrayList<>();
      types.forEach((type, count) -> counts.add(count + " " + type.name().toLowerCase(Locale.ROOT).replace('_', '-')));
      return "SentencePiece " + (sp.algorithm() == SentencePieceModel.Algorithm.UNIGRAM ? "Unigram" : "BPE") + " (" + sp.pieces().size() + " pieces: "
          + String.join(", ", counts) + (sp.byteFallback() ? "; byte fallback" : "") + ")";
    }
    return p.model().getClass().getSimpleName();
  }

  private void describe(Output out, TiktokenTokenizer tok) throws java.io.IOException {
    out.println("tokenizer:      " + tokenizer.spec);
    out.println("model:          tiktoken BPE " + tok.name() + " (" + tok.model().size() + " mergeable ranks, byte-level)");
    out.println("vocabulary:     " + tok.vocabSize() + " tokens, ids 0.." + (tok.idBound() - 1));
    out.println("split pattern:  " + tok.patternText());
    List<String> specials = new ArrayList<>();
    tok.specialTokens().forEach((text, id) -> specials.add(id + "=" + text));
    out.println("special tokens: " + (specials.isEmpty() ? "none" : String.join(" ", specials.subList(0, Math.min(20, specials.size())))
        + (specials.size() > 20 ? " ... (" + specials.size() + " in all)" : "")) + (specials.isEmpty() ? "" : "; text unless allowed (encode --allow-special)"));
    List<String> first = new ArrayList<>();
    for (int rank = 256; first.size() < 10 && rank < tok.model().rankBound(); rank++) if (tok.model().bytes(rank) != null) first.add(TokenDisplay.token(tok, rank));
    out.println("first merges:   " + String.join(" ", first));
    List<Integer> ids = new ArrayList<>();
    for (int rank = 0; rank < tok.model().rankBound(); rank++) if (tok.model().bytes(rank) != null) ids.add(rank);
    out.println("longest tokens: " + longest(tok, ids));
  }

  /** The ten longest tokens by bytes, ties by id. */
  private static String longest(Tokenizer tok, List<Integer> ids) {
    ids.sort(Comparator.comparingInt((Integer id) -> -tok.decodeBytes(new int[] {id}, false).length).thenComparingInt(id -> id));
    List<String> longest = new ArrayList<>();
    for (int id : ids.subList(0, Math.min(10, ids.size()))) longest.add(TokenDisplay.token(tok, id));
    return String.join(" ", longest);
  }

  private static String describe(PreTokenizer p) {
    if (p == null) return "none";
    if (p instanceof ByteLevel b) return "ByteLevel (GPT-2 split " + (b.useRegex() ? "on" : "off") + ", prefix space " + (b.addPrefixSpace() ? "on" : "off") + ")";
    if (p instanceof Split s) return "Split " + (s.isRegex() ? "regex " : "string ") + s.patternText() + " (" + s.behavior().name().toLowerCase(java.util.Locale.ROOT) + (s.invert() ? ", inverted" : "") + ")";
    if (p instanceof PreTokenizerSequence seq) {
      List<String> parts = new ArrayList<>();
      for (PreTokenizer stage : seq.stages()) parts.add(describe(stage));
      return "Sequence [" + String.join(", ", parts) + "]";
    }
    return p.getClass().getSimpleName();
  }
}
