package dev.toksmith.vocab.glyphs;

import dev.toksmith.api.Tokenizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a token looks like: the characters of its text, left to right, each drawn in one cell.
 *
 * <ul>
 *   <li>A special token shows its text ({@code <s>}).
 *   <li>A byte-fallback token {@code <0xHH>} shows a hex box of its byte.
 *   <li>Any other token shows the text it decodes to; bytes that are not UTF-8 on their own (pieces of
 *       a character in byte-level vocabularies) show a hex box each.
 *   <li>Controls and separators (spaces, line and paragraph separators) show nothing.
 *   <li>Ids without a token, and the Unicode layout's {@code <unused_XXXX>} placeholders, show
 *       nothing at all, so their embedding row is zero.
 * </ul>
 *
 * @param units one per cell: a code point, or a hex box when {@code hex} is set
 */
record TokenView(List<Unit> units) {
  private static final Pattern BYTE_TOKEN = Pattern.compile("<0x([0-9A-F]{2})>");
  private static final Pattern UNUSED = Pattern.compile("<unused_([0-9A-F]{4,6})>");

  /** A character, or a hex box showing {@code hex} (then {@code codePoint} is -1). */
  record Unit(int codePoint, String hex) {
    static Unit box(String hex) {
      return new Unit(-1, hex);
    }

    /** Whether the unit is drawn blank: a control or separator character. */
    boolean blank() {
      if (hex != null) return false;
      int type = Character.getType(codePoint);
      return type == Character.CONTROL || type == Character.SPACE_SEPARATOR || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR;
    }
  }

  static TokenView of(Tokenizer tokenizer, int id) {
    Optional<String> token = tokenizer.idToToken(id);
    if (token.isEmpty()) return new TokenView(List.of());
    Matcher unused = UNUSED.matcher(token.get());
    if (unused.matches() && Integer.parseInt(unused.group(1), 16) == id) return new TokenView(List.of());
    if (tokenizer.isSpecialToken(id)) return ofText(token.get());
    Matcher byteToken = BYTE_TOKEN.matcher(token.get());
    if (byteToken.matches()) return new TokenView(List.of(Unit.box(byteToken.group(1))));
    return ofBytes(tokenizer.decodeBytes(new int[] {id}, false));
  }

  /** The characters of {@code text} (used for previews too). */
  static TokenView ofText(String text) {
    List<Unit> units = new ArrayList<>();
    text.codePoints().forEach(cp -> units.add(new Unit(cp, null)));
    return new TokenView(units);
  }

  /** UTF-8 characters, and a hex box for each byte that does not start a valid sequence. */
  static TokenView ofBytes(byte[] bytes) {
    List<Unit> units = new ArrayList<>();
    for (int i = 0; i < bytes.length; ) {
      int length = sequenceLength(bytes, i);
      if (length == 0) {
        units.add(Unit.box(String.format(Locale.ROOT, "%02X", bytes[i] & 0xFF)));
        i++;
      } else {
        String s = new String(bytes, i, length, java.nio.charset.StandardCharsets.UTF_8);
        units.add(new Unit(s.codePointAt(0), null));
        i += length;
      }
    }
    return new TokenView(units);
  }

  /** Length of the well-formed UTF-8 sequence at {@code i}, or 0 (Unicode's table 3-7). */
  private static int sequenceLength(byte[] b, int i) {
    int lead = b[i] & 0xFF;
    if (lead < 0x80) return 1;
    int length;
    int low = 0x80;
    int high = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) length = 2;
    else if (lead >= 0xE0 && lead <= 0xEF) {
      length = 3;
      if (lead == 0xE0) low = 0xA0;
      if (lead == 0xED) high = 0x9F;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      length = 4;
      if (lead == 0xF0) low = 0x90;
      if (lead == 0xF4) high = 0x8F;
    } else {
      return 0;
    }
    if (i + length > b.length) return 0;
    for (int k = 1; k < length; k++) {
      int c = b[i + k] & 0xFF;
      if (c < (k == 1 ? low : 0x80) || c > (k == 1 ? high : 0xBF)) return 0;
    }
    return length;
  }
}
