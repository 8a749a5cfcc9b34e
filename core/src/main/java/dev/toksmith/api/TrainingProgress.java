package dev.toksmith.api;

/**
 * Receives training progress; called from the training thread, often: keep it cheap.
 *
 * <pre>{@code
 * TrainingProgress toStderr = (phase, done, total) -> System.err.printf("\r%s %d/%d", phase, done, total);
 * ByteLevelBpeTrainer.builder().vocabSize(8000).progress(toStderr).build().train(Corpus.of("corpus/"));
 * }</pre>
 */
@FunctionalInterface
public interface TrainingProgress {
  /**
   * @param phase what is being done ("reading", "merging")
   * @param done units done so far (bytes read, merges learned)
   * @param total units in all, or -1 when unknown
   */
  void update(String phase, long done, long total);

  /** Ignores progress. */
  TrainingProgress NONE = (phase, done, total) -> {};
}
