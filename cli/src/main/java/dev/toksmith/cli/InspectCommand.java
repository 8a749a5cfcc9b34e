package dev.toksmith.cli;

import dev.toksmith.api.AddedTokenEntry;
import dev.toksmith.TokenizerSpec;
import dev.toksmith.api.Tokenizer;
import dev.toksmith.api.TokenizerDescription;
import dev.toksmith.api.TokenizerDescription.Stage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/** {@code toksmith inspect}; its model is built by {@link #spec}, without annotations (see {@link FieldOptions}). */
final class InspectCommand implements Callable<Integer> {
  static final String NAME = "inspect";

  Main main;
  CommandSpec spec;

  // Set by the command line (see spec).
  final TokenizerOption tokenizer = new TokenizerOption();
  final WordPooledLayout wordPooled = new WordPooledLayout();

  /** The model of {@code inspect} run under {@code main}: its help and options. */
  static CommandSpec spec(Main main) {
    InspectCommand command = new InspectCommand();
    command.main = main;
    CommandSpec spec = CommandSpec.wrapWithoutInspection(command).name(NAME);
    command.spec = spec;
    spec.usageMessage().description("Describe a tokenizer: model, vocabulary, pipeline stages, special tokens, sample tokens.");
    spec.addMixin("tokenizer", command.tokenizer.mixin());
    spec.addMixin("wordPooled", command.wordPooled.mixin());
    FieldOptions.addStandardHelpOptions(spec);
    return spec;
  }

  @Override
  public Integer call() throws Exception {
    if (tokenizer.parse(spec) instanceof TokenizerSpec.WordPooled pooled) return WordPooledCli.inspect(main, spec, pooled, wordPooled);
    WordPooledCli.rejectOptions(spec);
    Tokenizer tok = tokenizer.load();
    Output out = main.streams.out();
    TokenizerDescription d = tok.description();
    Stage model = d.model();
    if (model.type().equals("Tiktoken")) {
      describeTiktoken(out, tok, d);
      return 0;
    }
    out.println("tokenizer:      " + tokenizer.spec);
    out.println("model:          " + describeModel(d));
    out.println("vocabulary:     " + tok.vocabSize() + " tokens");
    out.println("normalizer:     " + (d.normalizer() == null ? "none" : describeNormalizer(d.normalizer())));
    out.println("pre-tokenizer:  " + describePreTokenizer(d.preTokenizer()));
    out.println("post-processor: " + (d.postProcessor() == null ? "none" : typeTree(d.postProcessor())));
    out.println("decoder:        " + (d.decoder() == null ? "none (tokens joined by spaces)" : typeTree(d.decoder())));
    out.println("fast path:      " + (d.fastPath() == null ? "none (the stages run one by one)" : d.fastPath()));
    List<String> specials = new ArrayList<>();
    List<String> others = new ArrayList<>();
    for (AddedTokenEntry t : tok.addedTokens()) (t.special() ? specials : others).add(t.id() + "=" + t.content());
    List<String> pieceTypes = strings(model, "piece_types");
    List<String> pieces = strings(model, "pieces");
    // SentencePiece's control and unknown pieces are its special tokens; they live in the model, not as added tokens.
    for (int id = 0; id < pieceTypes.size(); id++) {
      if (pieceTypes.get(id).equals("control") || pieceTypes.get(id).equals("unknown")) specials.add(id + "=" + pieces.get(id));
    }
    out.println("special tokens: " + (specials.isEmpty() ? "none" : String.join(" ", specials)));
    if (!others.isEmpty()) out.println("added tokens:   " + others.size() + " (" + String.join(" ", others.subList(0, Math.min(10, others.size()))) + (others.size() > 10 ? " ..." : "") + ")");
    List<String> merges = strings(model, "merges");
    if (model.type().equals("BPE") && !merges.isEmpty()) {
      List<String> first = new ArrayList<>();
      for (String merge : merges.subList(0, Math.min(10, merges.size()))) first.add(TokenDisplay.token(tok, tok.tokenToId(mergeResult(model, merge)).orElseThrow()));
      out.println("first merges:   " + String.join(" ", first));
      List<String> vocab = strings(model, "vocab");
      List<Integer> ids = new ArrayList<>();
      for (int id = 0; id < vocab.size(); id++) if (vocab.get(id) != null) ids.add(id);
      out.println("longest tokens: " + longest(tok, ids));
    }
    if (model.type().equals("SentencePiece")) {
      List<Integer> ids = new ArrayList<>();
      for (int id = 0; id < pieceTypes.size(); id++) if (pieceTypes.get(id).equals("normal")) ids.add(id);
      out.println("longest tokens: " + longest(tok, ids));
    }
    return 0;
  }

  /** A list parameter of strings, empty when the stage has none. */
  @SuppressWarnings("unchecked")
  private static List<String> strings(Stage stage, String name) {
    return stage.parameter(name) instanceof List<?> list ? (List<String>) list : List.of();
  }

  /** The token a BPE merge ({@code "a b"}) makes: its sides joined, the right one without the continuing-subword prefix. */
  private static String mergeResult(Stage bpe, String merge) {
    int space = merge.indexOf(' ');
    String right = merge.substring(space + 1);
    if (bpe.parameter("continuing_subword_prefix") instanceof String prefix && !prefix.isEmpty() && right.startsWith(prefix)) right = right.substring(prefix.length());
    return merge.substring(0, space) + right;
  }

  /** The model: its kind and size. */
  private static String describeModel(TokenizerDescription d) {
    Stage model = d.model();
    if (model.type().equals("BPE")) return "BPE (" + strings(model, "merges").size() + " merges" + (d.byteLevel() ? ", byte-level" : "") + ")";
    if (model.type().equals("SentencePiece")) {
      Map<String, Integer> types = new TreeMap<>(Comparator.comparingInt(PIECE_TYPES::indexOf));
      for (String type : strings(model, "piece_types")) types.merge(type, 1, Integer::sum);
      List<String> counts = new ArrayList<>();
      types.forEach((type, count) -> counts.add(count + " " + type));
      return "SentencePiece " + model.parameter("algorithm") + " (" + strings(model, "pieces").size() + " pieces: "
          + String.join(", ", counts) + (model.flag("byte_fallback") ? "; byte fallback" : "") + ")";
    }
    return model.type();
  }

  /** SentencePiece's piece types in the order of its model file's enum. */
  private static final List<String> PIECE_TYPES = List.of("normal", "unknown", "control", "user-defined", "unused", "byte");

  private void describeTiktoken(Output out, Tokenizer tok, TokenizerDescription d) throws java.io.IOException {
    Stage model = d.model();
    out.println("tokenizer:      " + tokenizer.spec);
    out.println("model:          tiktoken BPE " + model.parameter("name") + " (" + model.parameter("ranks") + " mergeable ranks, byte-level)");
    out.println("vocabulary:     " + tok.vocabSize() + " tokens, ids 0.." + (tok.idBound() - 1));
    out.println("split pattern:  " + d.preTokenizer().children().get(0).parameter("pattern"));
    List<String> specials = new ArrayList<>();
    for (AddedTokenEntry t : tok.addedTokens()) specials.add(t.id() + "=" + t.content());
    out.println("special tokens: " + (specials.isEmpty() ? "none" : String.join(" ", specials.subList(0, Math.min(20, specials.size())))
        + (specials.size() > 20 ? " ... (" + specials.size() + " in all)" : "")) + (specials.isEmpty() ? "" : "; text unless allowed (encode --allow-special)"));
    // Ranks below 256 are the single bytes; the first merges come after them.
    List<Integer> ids = new ArrayList<>();
    for (int id = 0; id < tok.idBound(); id++) if (!tok.isSpecialToken(id) && tok.idToToken(id).isPresent()) ids.add(id);
    List<String> first = new ArrayList<>();
    for (int id : ids) if (id >= 256 && first.size() < 10) first.add(TokenDisplay.token(tok, id));
    out.println("first merges:   " + String.join(" ", first));
    out.println("longest tokens: " + longest(tok, ids));
  }

  /** The ten longest tokens by bytes, ties by id. */
  private static String longest(Tokenizer tok, List<Integer> ids) {
    ids.sort(Comparator.comparingInt((Integer id) -> -tok.decodeBytes(new int[] {id}, false).length).thenComparingInt(id -> id));
    List<String> longest = new ArrayList<>();
    for (int id : ids.subList(0, Math.min(10, ids.size()))) longest.add(TokenDisplay.token(tok, id));
    return String.join(" ", longest);
  }

  /** A short description such as {@code NFKC, Lowercase}; SentencePiece's own normalizer with its settings. */
  private static String describeNormalizer(Stage n) {
    if (n.type().equals("Sequence")) return String.join(", ", n.children().stream().map(InspectCommand::describeNormalizer).toList());
    if (n.type().equals("SentencePiece")) {
      List<String> settings = new ArrayList<>();
      settings.add(n.flag("precompiled_charsmap") ? "precompiled charsmap" : "no charsmap");
      if (n.flag("remove_extra_whitespaces")) settings.add("extra whitespace removed");
      if (n.flag("add_dummy_prefix")) settings.add(n.flag("whitespace_as_suffix") ? "dummy suffix" : "dummy prefix");
      if (n.flag("escape_whitespaces")) settings.add("spaces as \u2581");
      return "SentencePiece (" + String.join(", ", settings) + ")";
    }
    return n.type();
  }

  private static String describePreTokenizer(Stage p) {
    if (p == null) return "none";
    return switch (p.type()) {
      case "ByteLevel" -> "ByteLevel (GPT-2 split " + (p.flag("use_regex") ? "on" : "off") + ", prefix space " + (p.flag("add_prefix_space") ? "on" : "off") + ")";
      case "Split" -> "Split " + (p.flag("regex") ? "regex " : "string ") + p.parameter("pattern") + " (" + snakeCase((String) p.parameter("behavior"))
          + (p.flag("invert") ? ", inverted" : "") + ")";
      case "Sequence" -> "Sequence [" + String.join(", ", p.children().stream().map(InspectCommand::describePreTokenizer).toList()) + "]";
      default -> p.type();
    };
  }

  /** A stage's type, with a sequence's stages in brackets. */
  private static String typeTree(Stage stage) {
    if (stage.children().isEmpty()) return stage.type();
    return stage.type() + " [" + String.join(", ", stage.children().stream().map(InspectCommand::typeTree).toList()) + "]";
  }

  /** {@code MergedWithPrevious} as {@code merged_with_previous}. */
  private static String snakeCase(String name) {
    return name.replaceAll("(?<=[a-z])(?=[A-Z])", "_").toLowerCase(Locale.ROOT);
  }
}
