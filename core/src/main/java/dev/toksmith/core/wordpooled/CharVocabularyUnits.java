package dev.toksmith.core.wordpooled;

import dev.toksmith.api.CharVocabulary;
import dev.toksmith.core.text.Utf8;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import java.io.ByteArrayOutputStream;

/**
 * Units are ids of a trained {@link CharVocabulary}; a character outside it becomes one unit per
 * byte of its UTF-8 (WTF-8) encoding, ids 0..255, as Hugging Face's byte fallback does.
 */
public final class CharVocabularyUnits implements UnitCodec {
  private final CharVocabulary vocabulary;

  public CharVocabularyUnits(CharVocabulary vocabulary) {
    this.vocabulary = vocabulary;
  }

  /** The vocabulary the units come from. */
  public CharVocabulary vocabulary() {
    return vocabulary;
  }

  @Override
  public int[] encode(String word) {
    IntArrayList units = new IntArrayList(word.length());
    for (int i = 0; i < word.length(); ) {
      int cp = word.codePointAt(i);
      int n = Character.charCount(cp);
      int id = vocabulary.idOf(cp);
      if (id >= 0) {
        units.add(id);
      } else {
        for (byte b : Utf8.encode(word.substring(i, i + n))) units.add(b & 0xFF);
      }
      i += n;
    }
    return units.toIntArray();
  }

  @Override
  public byte[] decode(int[] units) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(units.length * 2);
    for (int unit : units) {
      if (unit < 0 || unit >= vocabulary.size()) throw new IllegalArgumentException("unit " + unit + " is not in the character vocabulary (0.." + (vocabulary.size() - 1) + ")");
      if (unit < CharVocabulary.BYTE_IDS) bytes.write(unit);
      else bytes.writeBytes(Utf8.encode(Character.toString(vocabulary.characterOf(unit))));
    }
    return bytes.toByteArray();
  }

  @Override
  public int padId() {
    return vocabulary.size();
  }

  @Override
  public String describe() {
    return "characters of a trained vocabulary (" + (vocabulary.size() - CharVocabulary.BYTE_IDS) + " characters, unit ids 256.." + (vocabulary.size() - 1)
        + "; others as UTF-8 byte units 0..255)";
  }
}
