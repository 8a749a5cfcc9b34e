package dev.toksmith.core.reference;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.CharSpan;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * The reference implementation, Hugging Face tokenizers (0.21.4, the Rust library inside DJL's
 * {@code ai.djl.huggingface:tokenizers}), loaded from a tokenizer.json text and driven without special
 * tokens, truncation or padding. Offsets come back as UTF-16 indices into the encoded text, like
 * toksmith's own.
 *
 * <p>A test that calls {@link #load} is skipped (a JUnit assumption fails) when DJL's native library
 * cannot load on this machine; any other failure to load is an error.
 */
public final class HfReference implements AutoCloseable {
  static final String MINIMAL_TOKENIZER = "{\"version\":\"1.0\",\"truncation\":null,\"padding\":null,"
      + "\"added_tokens\":[],\"normalizer\":null,\"pre_tokenizer\":null,\"post_processor\":null,\"decoder\":null,"
      + "\"model\":{\"type\":\"WordLevel\",\"vocab\":{\"<unk>\":0},\"unk_token\":\"<unk>\"}}";

  /** Null until the first load; then why the native library cannot load, or "" when it can. */
  private static String nativeLibraryProblem;

  private final HuggingFaceTokenizer tokenizer;

  private HfReference(HuggingFaceTokenizer tokenizer) {
    this.tokenizer = tokenizer;
  }

  /** The tokens of one encoded text, each with its span in the text as UTF-16 indices. */
  public record Encoded(long[] ids, String[] tokens, int[] starts, int[] ends) {}

  /** Loads a tokenizer from the text of a tokenizer.json file. */
  public static HfReference load(String tokenizerJson) {
    return load(tokenizerJson, false);
  }

  /** Loads a tokenizer that runs its post-processor's special tokens when {@code addSpecialTokens}. */
  public static HfReference load(String tokenizerJson, boolean addSpecialTokens) {
    String problem = nativeLibraryProblem();
    Assumptions.assumeTrue(problem.isEmpty(), () -> "the reference cannot run here: " + problem);
    try {
      return new HfReference(build(tokenizerJson, addSpecialTokens));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static synchronized String nativeLibraryProblem() {
    if (nativeLibraryProblem == null) {
      // Never reach for the network: the jar carries the native library.
      if (System.getProperty("ai.djl.offline") == null) System.setProperty("ai.djl.offline", "true");
      try (HuggingFaceTokenizer probe = build(MINIMAL_TOKENIZER, false)) {
        probe.encode("probe");
        nativeLibraryProblem = "";
      } catch (Exception | LinkageError e) {
        nativeLibraryProblem = e.toString();
      }
    }
    return nativeLibraryProblem;
  }

  private static HuggingFaceTokenizer build(String tokenizerJson, boolean addSpecialTokens) throws IOException {
    Path file = Files.createTempFile("toksmith-reference", ".json");
    try {
      Files.writeString(file, tokenizerJson);
      return HuggingFaceTokenizer.builder()
          .optTokenizerPath(file)
          .optAddSpecialTokens(addSpecialTokens)
          .optTruncation(false)
          .optPadding(false)
          .build();
    } finally {
      Files.delete(file);
    }
  }

  public Encoded encode(String text) {
    return convert(text, tokenizer.encode(text));
  }

  /** Encodes every text in one call to the reference, which is much faster than one call per text. */
  public List<Encoded> encodeAll(List<String> texts) {
    Encoding[] encodings = tokenizer.batchEncode(texts);
    List<Encoded> encoded = new ArrayList<>(texts.size());
    for (int i = 0; i < encodings.length; i++) encoded.add(convert(texts.get(i), encodings[i]));
    return encoded;
  }

  /** The reference counts offsets in code points; toksmith in UTF-16 units. */
  private static Encoded convert(String text, Encoding encoding) {
    int[] utf16Index = new int[text.codePointCount(0, text.length()) + 1];
    for (int i = 0, k = 0; i < text.length(); k++) {
      i += Character.charCount(text.codePointAt(i));
      utf16Index[k + 1] = i;
    }
    CharSpan[] spans = encoding.getCharTokenSpans();
    int[] starts = new int[spans.length];
    int[] ends = new int[spans.length];
    for (int t = 0; t < spans.length; t++) {
      starts[t] = spans[t] == null ? -1 : utf16Index[spans[t].getStart()];
      ends[t] = spans[t] == null ? -1 : utf16Index[spans[t].getEnd()];
    }
    return new Encoded(encoding.getIds(), encoding.getTokens(), starts, ends);
  }

  /** Decodes ids as the reference does (bytes that are not UTF-8 become U+FFFD). */
  public String decode(long[] ids, boolean skipSpecialTokens) {
    return tokenizer.decode(ids, skipSpecialTokens);
  }

  /** {@code text} as a JSON string literal, for building tokenizer.json texts. */
  public static String quote(String text) {
    StringBuilder json = new StringBuilder(text.length() + 2).append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> json.append("\\\"");
        case '\\' -> json.append("\\\\");
        case '\n' -> json.append("\\n");
        case '\r' -> json.append("\\r");
        case '\t' -> json.append("\\t");
        default -> {
          if (c < 0x20) json.append(String.format("\\u%04x", (int) c));
          else json.append(c);
        }
      }
    }
    return json.append('"').toString();
  }

  @Override
  public void close() {
    tokenizer.close();
  }
}
