package dev.toksmith.core.models;


/** Takes the words a {@link TrainingWords} finds, one occurrence per call. */
public interface WordSink {

  /** One occurrence of the word whose UTF-8 bytes are {@code utf8[from, to)}. */
  void add(byte[] utf8, int from, int to);

  /** One occurrence of the word {@code text[from, to)} (an unpaired surrogate counts by its WTF-8 bytes). */
  void add(CharSequence text, int from, int to);

  /** Counts each word in {@code counter}. */
  static WordSink of(WordCounter counter) {
    return new WordSink() {
      @Override
      public void add(byte[] utf8, int from, int to) {
        counter.add(utf8, from, to, 1);
      }

      @Override
      public void add(CharSequence text, int from, int to) {
        counter.add(text, from, to);
      }
    };
  }
}
