package dev.toksmith.core.reference;

import dev.toksmith.core.unicode.NormalizedString;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Shows what the reference's normalizer makes of a text, alignment included: the normalizer under test
 * sits in front of a byte-level BPE whose vocabulary is the 256 byte symbols and which has no merges, so
 * every token is one byte of the normalized text and its offsets are that byte's original range.
 */
public final class NormalizerProbe implements AutoCloseable {
  private final HfReference reference;

  private NormalizerProbe(HfReference reference) {
    this.reference = reference;
  }

  /**
   * A normalized text and, per UTF-8 byte of it, the range of the original text it comes from, in
   * UTF-16 indices.
   */
  public record Normalized(String text, int[] starts, int[] ends) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Normalized other
          && text.equals(other.text)
          && Arrays.equals(starts, other.starts)
          && Arrays.equals(ends, other.ends);
    }

    @Override
    public int hashCode() {
      return text.hashCode() * 31 + Arrays.hashCode(starts);
    }

    @Override
    public String toString() {
      StringBuilder s = new StringBuilder("[");
      text.codePoints().forEach(cp -> s.append(s.length() > 1 ? " " : "").append(String.format("%04X", cp)));
      s.append("] bytes from");
      for (int i = 0; i < starts.length; i++) s.append(' ').append(starts[i]).append('-').append(ends[i]);
      return s.toString();
    }
  }

  /** A probe for the normalizer that {@code normalizerJson} describes, e.g. {@code {"type":"NFC"}}. */
  public static NormalizerProbe of(String normalizerJson) {
    StringBuilder vocabulary = new StringBuilder("{");
    for (int b = 0; b < 256; b++) {
      if (b > 0) vocabulary.append(',');
      vocabulary.append(HfReference.quote(Character.toString(byteSymbol(b)))).append(':').append(b);
    }
    vocabulary.append('}');
    String json = "{\"version\":\"1.0\",\"truncation\":null,\"padding\":null,\"added_tokens\":[],"
        + "\"normalizer\":" + normalizerJson + ","
        + "\"pre_tokenizer\":{\"type\":\"ByteLevel\",\"add_prefix_space\":false,\"trim_offsets\":false,\"use_regex\":false},"
        + "\"post_processor\":null,\"decoder\":null,"
        + "\"model\":{\"type\":\"BPE\",\"dropout\":null,\"unk_token\":null,\"fuse_unk\":false,\"byte_fallback\":false,"
        + "\"vocab\":" + vocabulary + ",\"merges\":[]}}";
    return new NormalizerProbe(HfReference.load(json));
  }

  /** GPT-2's printable stand-in for a byte, which the byte-level pre-tokenizer produces. */
  private static int byteSymbol(int b) {
    if (isPrintable(b)) return b;
    int shifted = 0;
    for (int below = 0; below < b; below++) {
      if (!isPrintable(below)) shifted++;
    }
    return 256 + shifted;
  }

  private static boolean isPrintable(int b) {
    return (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || b >= 0xAE;
  }

  /** What the reference's normalizer makes of each text, in one call. */
  public List<Normalized> normalizeAll(List<String> texts) {
    List<Normalized> results = new ArrayList<>(texts.size());
    for (HfReference.Encoded encoded : reference.encodeAll(texts)) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(encoded.ids().length);
      for (long id : encoded.ids()) bytes.write((int) id);
      results.add(new Normalized(bytes.toString(StandardCharsets.UTF_8), encoded.starts(), encoded.ends()));
    }
    return results;
  }

  /** The same view of a toksmith {@link NormalizedString}, to compare with the reference's. */
  public static Normalized view(NormalizedString normalized) {
    String text = normalized.get();
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    int[] starts = new int[utf8.length];
    int[] ends = new int[utf8.length];
    int at = 0;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      int byteCount = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
      Arrays.fill(starts, at, at + byteCount, normalized.originalStart(i));
      Arrays.fill(ends, at, at + byteCount, normalized.originalEnd(i));
      at += byteCount;
      i += Character.charCount(cp);
    }
    return new Normalized(text, starts, ends);
  }

  @Override
  public void close() {
    reference.close();
  }
}
