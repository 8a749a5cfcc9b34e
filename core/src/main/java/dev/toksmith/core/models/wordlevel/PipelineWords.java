package dev.toksmith.core.models.wordlevel;

import dev.toksmith.core.normalizers.Normalizer;
import dev.toksmith.core.pretokenizers.PieceSink;
import dev.toksmith.core.pretokenizers.PreTokenizer;
import dev.toksmith.core.models.TrainingWords;
import dev.toksmith.core.models.WordSink;
import dev.toksmith.core.unicode.NormalizedString;
import java.util.Objects;

/**
 * The words of any normalizer and pre-tokenizer, found as encoding finds them (offsets are tracked
 * and thrown away): the general way, for pipelines without a faster equivalent.
 */
public final class PipelineWords implements TrainingWords {
  private final Normalizer normalizer;
  private final PreTokenizer preTokenizer;
  private WordSink target;
  private final PieceSink count = (text, start, end) -> target.add(text.get(), start, end);

  /**
   * @param normalizer null for none
   */
  public PipelineWords(Normalizer normalizer, PreTokenizer preTokenizer) {
    this.normalizer = normalizer;
    this.preTokenizer = Objects.requireNonNull(preTokenizer, "preTokenizer");
  }

  @Override
  public void count(String document, WordSink words) {
    NormalizedString text = new NormalizedString(document, 0);
    if (normalizer != null) normalizer.normalize(text);
    target = words;
    preTokenizer.preTokenize(text, count);
  }
}
