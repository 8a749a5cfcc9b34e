package dev.toksmith.core.normalizers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UCharacterCategory;
import dev.toksmith.core.reference.HfReference;
import dev.toksmith.core.reference.NormalizerProbe;
import dev.toksmith.core.reference.NormalizerProbe.Normalized;
import dev.toksmith.core.unicode.NormalizedString;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A normalizer run by the reference, seen as {@link NormalizerProbe} sees it (the normalized text and
 * each byte's original range), but through a BPE model whose only tokens are the 256 byte-fallback
 * tokens and without a pre-tokenizer. Unlike the byte-level pre-tokenizer, that reads the normalized
 * string without transforming it again, so it also shows text that starts with inserted characters,
 * on which any further transformation makes the reference panic.
 */
final class ReferenceNormalizer implements AutoCloseable {
  /** Small test texts are joined into one text per this many, to keep the number of reference calls low. */
  private static final int TEXTS_PER_CALL = 256;

  private final HfReference reference;

  private ReferenceNormalizer(HfReference reference) {
    this.reference = reference;
  }

  /** The reference running the normalizer that {@code normalizerJson} describes. */
  static ReferenceNormalizer of(String normalizerJson) {
    StringBuilder vocabulary = new StringBuilder("{");
    for (int b = 0; b < 256; b++) vocabulary.append(b > 0 ? "," : "").append(String.format("\"<0x%02X>\":%d", b, b));
    vocabulary.append('}');
    String json = "{\"version\":\"1.0\",\"truncation\":null,\"padding\":null,\"added_tokens\":[],"
        + "\"normalizer\":" + normalizerJson + ",\"pre_tokenizer\":null,\"post_processor\":null,\"decoder\":null,"
        + "\"model\":{\"type\":\"BPE\",\"dropout\":null,\"unk_token\":null,\"fuse_unk\":false,\"byte_fallback\":true,"
        + "\"vocab\":" + vocabulary + ",\"merges\":[]}}";
    return new ReferenceNormalizer(HfReference.load(json));
  }

  /** What the reference's normalizer makes of each text, in one call. */
  List<Normalized> normalizeAll(List<String> texts) {
    List<Normalized> results = new ArrayList<>(texts.size());
    for (HfReference.Encoded encoded : reference.encodeAll(texts)) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(encoded.ids().length);
      for (long id : encoded.ids()) bytes.write((int) id);
      results.add(new Normalized(bytes.toString(StandardCharsets.UTF_8), encoded.starts(), encoded.ends()));
    }
    return results;
  }

  /** What toksmith's normalizer makes of a text, in the same view. */
  static Normalized toksmith(Normalizer normalizer, String text) {
    NormalizedString normalized = new NormalizedString(text, 0);
    normalizer.normalize(normalized);
    return NormalizerProbe.view(normalized);
  }

  /**
   * Requires toksmith and the reference to agree on every text; to save reference calls, texts are
   * joined with {@code separator}, and a disagreement is traced back to the first text that disagrees
   * on its own.
   */
  void assertAgree(Normalizer normalizer, List<String> texts, String separator, String what) {
    List<String> joined = new ArrayList<>();
    for (int from = 0; from < texts.size(); from += TEXTS_PER_CALL) {
      joined.add(String.join(separator, texts.subList(from, Math.min(texts.size(), from + TEXTS_PER_CALL))));
    }
    List<Normalized> expected = normalizeAll(joined);
    for (int i = 0; i < joined.size(); i++) {
      if (toksmith(normalizer, joined.get(i)).equals(expected.get(i))) continue;
      List<String> group = texts.subList(i * TEXTS_PER_CALL, Math.min(texts.size(), (i + 1) * TEXTS_PER_CALL));
      List<Normalized> expectedAlone = normalizeAll(group);
      for (int k = 0; k < group.size(); k++) {
        String text = group.get(k);
        assertEquals(expectedAlone.get(k), toksmith(normalizer, text), () -> what + " of [" + hex(text) + "]");
      }
      fail(what + " differs only on the joined text [" + hex(joined.get(i)) + "]");
    }
  }

  /**
   * The code points a test over "every code point" visits: all assigned ones (Unicode 17, ICU4J's),
   * and every 61st of the rest (unassigned, private use, noncharacters), which the tables treat alike
   * in long runs. Surrogates are left out: Rust strings cannot hold them.
   */
  static IntStream codePoints() {
    return IntStream.rangeClosed(0, Character.MAX_CODE_POINT).filter(cp -> {
      int category = UCharacter.getType(cp);
      if (category == UCharacterCategory.SURROGATE) return false;
      return (category != UCharacterCategory.UNASSIGNED && category != UCharacterCategory.PRIVATE_USE) || cp % 61 == 0;
    });
  }

  static String hex(String text) {
    StringBuilder hex = new StringBuilder();
    text.codePoints().forEach(cp -> hex.append(hex.length() > 0 ? " " : "").append(String.format("%04X", cp)));
    return hex.toString();
  }

  @Override
  public void close() {
    reference.close();
  }
}
