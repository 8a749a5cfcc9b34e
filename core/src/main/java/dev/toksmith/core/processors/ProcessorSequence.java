package dev.toksmith.core.processors;

import dev.toksmith.api.TokenizerDescription.Stage;
import java.util.List;
import java.util.Map;

/** Hugging Face's {@code Sequence} post-processor: each processor's layout feeds the next. */
public final class ProcessorSequence implements PostProcessor {
  /** The tokenizer.json type. */
  public static final String TYPE = "Sequence";

  private final List<PostProcessor> processors;

  public ProcessorSequence(List<PostProcessor> processors) {
    this.processors = List.copyOf(processors);
  }

  public List<PostProcessor> processors() {
    return processors;
  }

  @Override
  public int addedTokens(boolean isPair) {
    int count = 0;
    for (PostProcessor p : processors) count += p.addedTokens(isPair);
    return count;
  }

  @Override
  public List<EncodingParts> processEncodings(List<EncodingParts> encodings, boolean addSpecialTokens) {
    List<EncodingParts> current = encodings;
    for (PostProcessor p : processors) current = p.processEncodings(current, addSpecialTokens);
    return current;
  }

  @Override
  public Stage describe() {
    return new Stage(TYPE, Map.of(), processors().stream().map(PostProcessor::describe).toList());
  }
}
