package dev.toksmith.api;

/**
 * Decodes ids one at a time, as a model generates them: after each id it returns the text that
 * became final (possibly empty), and {@link #finish} returns the rest, so that everything returned
 * joins to {@code decode(ids)} of all the ids exactly, U+FFFD for invalid bytes included. Text is
 * held back only while later ids could still change it. For the tokenizers toksmith makes:
 *
 * <ul>
 *   <li>byte-level ones (tiktoken, GPT-2 style): while the bytes so far end inside a character;
 *   <li>decoders with {@code ByteFallback} (Llama 2, Gemma) and SentencePiece {@code .model} files:
 *       while a run of byte tokens ({@code <0xE6>}) is open, since a later byte can change the run's
 *       text (ByteFallback turns a whole run into U+FFFD when one of its bytes is invalid);
 *   <li>Metaspace, WordPiece, Replace and Strip: not at all (but for the few first characters a Strip
 *       after Fuse may still cut);
 *   <li>{@code BPEDecoder}, {@code CTC}: until the next id confirms the last token's text; other
 *       chains, which join runs of any length: until {@link #finish}.
 * </ul>
 *
 * <p>For the first three each step costs about the work of its own id, however long text stays held
 * (Hugging Face's stream decodes all held ids again at every id); for the others a step decodes the
 * last few ids. A {@link Tokenizer} made elsewhere streams as Hugging Face's {@code DecodeStream}
 * does, by windows: text is held while it ends in U+FFFD. Not thread-safe: one per stream.
 *
 * <pre>{@code
 * DecodeStream stream = tokenizer.decodeStream(false);
 * for (int id : generatedIds) System.out.print(stream.step(id)); // final text only
 * System.out.print(stream.finish());
 * }</pre>
 */
public interface DecodeStream {
  /**
   * Adds one id and returns the text it made final (possibly empty). An id that is refused leaves
   * the stream as it was, so that later ids still decode.
   *
   * @throws IllegalArgumentException if the id is outside the vocabulary
   */
  String step(int id);

  /**
   * Ends the stream and returns what was held back (an incomplete character at the end decodes to
   * U+FFFD); the stream then starts over, as a new one.
   */
  String finish();
}
