package dev.toksmith.core.models;


/** Distinct words with their counts, as a trainer reads them once counting is done. */
public interface CountedWords {

  /** How many distinct words there are. */
  int size();

  /** Visits every distinct word once with its count, in no particular order. */
  void forEach(WordCounter.WordVisitor visitor);

  /**
   * Visits every distinct word once with its count, in the unsigned byte order of the words (code
   * point order of their text), so that what a trainer sees depends only on the counts.
   */
  void forEachInByteOrder(WordCounter.WordVisitor visitor);

  /** The words of one counter. */
  static CountedWords of(WordCounter counter) {
    return new CountedWords() {
      @Override
      public int size() {
        return counter.size();
      }

      @Override
      public void forEach(WordCounter.WordVisitor visitor) {
        counter.forEach(visitor);
      }

      @Override
      public void forEachInByteOrder(WordCounter.WordVisitor visitor) {
        counter.forEachInByteOrder(visitor);
      }
    };
  }
}
