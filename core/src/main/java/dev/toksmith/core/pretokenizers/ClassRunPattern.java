package dev.toksmith.core.pretokenizers;

import dev.toksmith.core.text.Utf8Chars;
import java.util.regex.Pattern;

/**
 * A split regex that is one character class and a greedy count, such as DeepSeek's {@code
 * \p{N}{1,3}} and {@code [一-龥ぁ-ゟ゠-ヿ]+}, scanned over UTF-8 bytes: a match is a run of at most
 * {@code max} members of the class (at least one). Which characters the class holds is asked of the
 * regex itself (as {@link RegexPattern} runs it, with Oniguruma's meaning), once per block of 256 code
 * points the text touches, so the matches are those of the regex.
 */
final class ClassRunPattern extends ScanningPattern {
  private static final int BLOCK_BITS = 8;

  private final Pattern member;
  private final int max;
  /** Per block of code points, one flag per code point, filled when the block is first met. */
  private final Block[] blocks = new Block[(Character.MAX_CODE_POINT + 1) >> BLOCK_BITS];

  /** The flags of one block; the final field publishes them whole to every thread that sees the block. */
  private record Block(boolean[] members) {}

  private ClassRunPattern(Pattern member, int max) {
    this.member = member;
    this.max = max;
  }

  /**
   * The pattern of {@code regex} when it is one class ({@code [...]}, {@code \p{..}}, {@code \P{..}},
   * {@code \d \D \s \S \w \W \h \H}) alone or followed by {@code +}, {@code {1,n}} or {@code {1,}}; null
   * for any other regex.
   */
  static ClassRunPattern of(String regex) {
    int classEnd = classEnd(regex);
    if (classEnd < 0) return null;
    String count = regex.substring(classEnd);
    int max;
    if (count.isEmpty()) {
      max = 1;
    } else if (count.equals("+") || count.equals("{1,}")) {
      max = Integer.MAX_VALUE;
    } else if (count.matches("\\{1,[1-9][0-9]{0,5}}")) {
      max = Integer.parseInt(count.substring(3, count.length() - 1));
    } else {
      return null;
    }
    try {
      return new ClassRunPattern(Pattern.compile(OnigurumaSyntax.toJava(regex.substring(0, classEnd)).exact(), OnigurumaSyntax.FLAGS), max);
    } catch (java.util.regex.PatternSyntaxException e) {
      return null;
    }
  }

  @Override
  public String scanner() {
    return "character-class run";
  }

  /** Where the class that starts {@code regex} ends, or -1 when it starts with no class this reads. */
  private static int classEnd(String regex) {
    if (regex.length() >= 2 && regex.charAt(0) == '\\') {
      char c = regex.charAt(1);
      if ("dDsSwWhH".indexOf(c) >= 0) return 2;
      if ((c == 'p' || c == 'P') && regex.length() > 3 && regex.charAt(2) == '{') {
        int close = regex.indexOf('}', 3);
        return close < 0 ? -1 : close + 1;
      }
      return -1;
    }
    if (regex.isEmpty() || regex.charAt(0) != '[') return -1;
    // A bracket expression: nested brackets (POSIX classes, intersections) and escapes; a ']' first
    // (or after '^') is a literal in Oniguruma.
    int depth = 0;
    for (int i = 0; i < regex.length(); i++) {
      char c = regex.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '[') {
        depth++;
        if (i + 1 < regex.length() && regex.charAt(i + 1) == '^') i++;
        if (i + 1 < regex.length() && regex.charAt(i + 1) == ']') i++;
      } else if (c == ']' && --depth == 0) {
        return i + 1;
      }
    }
    return -1;
  }

  boolean contains(int cp) {
    Block block = blocks[cp >> BLOCK_BITS];
    if (block == null) {
      // Filled by whichever thread gets here first; another may fill the same block again, with the same flags.
      boolean[] members = new boolean[1 << BLOCK_BITS];
      int base = cp & ~((1 << BLOCK_BITS) - 1);
      for (int k = 0; k < members.length; k++) members[k] = member.matcher(new String(Character.toChars(base + k))).matches();
      block = new Block(members);
      blocks[cp >> BLOCK_BITS] = block;
    }
    return block.members()[cp & ((1 << BLOCK_BITS) - 1)];
  }

  @Override
  int matchAt(byte[] s, int i, int n, boolean raw) {
    int end = i;
    for (int k = 0; k < max && end < n; k++) {
      int c = Utf8Chars.at(s, end, n, raw);
      if (!contains(Utf8Chars.codePoint(c))) break;
      end += Utf8Chars.length(c);
    }
    return end == i ? -1 : end;
  }
}
