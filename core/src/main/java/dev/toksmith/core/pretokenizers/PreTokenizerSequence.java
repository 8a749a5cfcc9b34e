package dev.toksmith.core.pretokenizers;

import dev.toksmith.api.TokenizerDescription.Stage;
import dev.toksmith.core.unicode.NormalizedString;
import java.util.List;
import java.util.Map;

/** Runs pre-tokenizers in turn, each on every piece of the one before, as Hugging Face's Sequence. */
public final class PreTokenizerSequence implements PreTokenizer {
  /** The tokenizer.json type. */
  public static final String TYPE = "Sequence";

  private final List<PreTokenizer> stages;

  public PreTokenizerSequence(List<PreTokenizer> stages) {
    this.stages = List.copyOf(stages);
  }

  public List<PreTokenizer> stages() {
    return stages;
  }

  @Override
  public void preTokenize(NormalizedString segment, PieceSink pieces) {
    run(0, segment, pieces);
  }

  private void run(int stage, NormalizedString segment, PieceSink pieces) {
    if (stage == stages.size()) {
      if (segment.length() > 0) pieces.piece(segment, 0, segment.length());
      return;
    }
    if (stage == stages.size() - 1) {
      stages.get(stage).preTokenize(segment, pieces);
      return;
    }
    PreTokenizer current = stages.get(stage);
    current.preTokenize(segment, (text, start, end) -> {
      NormalizedString piece = text.slice(start, end);
      // Later stages see what Hugging Face's ByteLevel leaves: the bytes spelled as characters.
      if (current.byteLevel()) ByteLevel.spell(piece);
      run(stage + 1, piece, pieces);
    });
  }

  /**
   * Later stages only split what earlier ones made, so one stage that always ends a piece there is
   * enough, if every stage is local; stages after a byte-level one see the bytes spelled as characters.
   */
  @Override
  public Boundary boundaryAt(CharSequence text, int at) {
    NormalizedString seen = new NormalizedString(text.toString(), 0);
    int cut = at;
    java.util.List<Boundary> boundaries = new java.util.ArrayList<>();
    for (PreTokenizer stage : stages) {
      if (cut < 0) return Boundary.UNKNOWN;
      boundaries.add(stage.boundaryAt(seen.get(), cut));
      if (stage.byteLevel()) {
        ByteLevel.spell(seen);
        cut = seen.cutIndexOf(at);
      }
    }
    return Boundary.ofStages(boundaries);
  }

  /** Only a byte-level last stage hands bytes to the model; an earlier one has spelled them already. */
  @Override
  public boolean byteLevel() {
    return !stages.isEmpty() && stages.get(stages.size() - 1).byteLevel();
  }

  @Override
  public Stage describe() {
    return new Stage(TYPE, Map.of(), stages().stream().map(PreTokenizer::describe).toList());
  }
}
