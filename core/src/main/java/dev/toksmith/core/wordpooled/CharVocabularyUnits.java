package dev.toksmith.core.wordpooled;

import dev.toksmith.core.text.Utf8;
import it.unimi.dsi.fastutil.ints.Int2IntOpenHashMap;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import java.io.ByteArrayOutputStream;

/**
 * Units are ids of a trained character vocabulary (the facade's {@code CharVocabulary}): ids 0..255
 * are byte units, ids 256.. the characters in order. A character outside it becomes one unit per
 * byte of its UTF-8 (WTF-8) encoding, as Hugging Face's byte fallback does. Immutable.
 */
public final class CharVocabularyUnits implements UnitCodec {
  /** Number of byte-fallback ids in front of the characters. */
  public static final int BYTE_IDS = 256;

  private final int[] characters;
  private final Int2IntOpenHashMap idOf = new Int2IntOpenHashMap();

  /**
   * Units for these characters, in id order (the first gets id 256).
   *
   * @throws IllegalArgumentException if a value is not a Unicode scalar value or appears twice
   */
  public CharVocabularyUnits(int[] characters) {
    this.characters = characters.clone();
    idOf.defaultReturnValue(-1);
    for (int i = 0; i < this.characters.length; i++) {
      int cp = this.characters[i];
      if (cp < 0 || cp > Character.MAX_CODE_POINT || (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE)) {
        throw new IllegalArgumentException("not a Unicode scalar value: " + cp);
      }
      if (idOf.put(cp, BYTE_IDS + i) != -1) throw new IllegalArgumentException("character U+" + Integer.toHexString(cp).toUpperCase() + " appears twice");
    }
  }

  /** Number of ids: the 256 byte ids and the characters. */
  public int size() {
    return BYTE_IDS + characters.length;
  }

  /** The characters as code points, in id order (id 256 first). */
  public int[] characters() {
    return characters.clone();
  }

  /** The id of a character, or -1 when it is not in the vocabulary. */
  public int idOf(int codePoint) {
    return idOf.get(codePoint);
  }

  /** The character of an id of 256 or more. */
  public int characterOf(int id) {
    return characters[id - BYTE_IDS];
  }

  @Override
  public int[] encode(String word) {
    IntArrayList units = new IntArrayList(word.length());
    for (int i = 0; i < word.length(); ) {
      int cp = word.codePointAt(i);
      int n = Character.charCount(cp);
      int id = idOf(cp);
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
      if (unit < 0 || unit >= size()) throw new IllegalArgumentException("unit " + unit + " is not in the character vocabulary (0.." + (size() - 1) + ")");
      if (unit < BYTE_IDS) bytes.write(unit);
      else bytes.writeBytes(Utf8.encode(Character.toString(characterOf(unit))));
    }
    return bytes.toByteArray();
  }

  @Override
  public int padId() {
    return size();
  }

  @Override
  public String describe() {
    return "characters of a trained vocabulary (" + characters.length + " characters, unit ids 256.." + (size() - 1)
        + "; others as UTF-8 byte units 0..255)";
  }
}
