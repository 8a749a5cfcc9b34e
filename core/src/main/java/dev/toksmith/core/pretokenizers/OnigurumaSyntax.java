package dev.toksmith.core.pretokenizers;

import java.util.BitSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Rewrites a regex as Oniguruma (Hugging Face's engine, with its default syntax) reads it into a
 * {@code java.util.regex} pattern, to be compiled with {@link #FLAGS}, that matches the same way:
 *
 * <ul>
 *   <li>character properties and class escapes ({@code \p{..}}, {@code \P{..}}, {@code \p{^..}},
 *       {@code \w \W \d \D \s \S \h \H}, POSIX brackets {@code [[:alpha:]]} and {@code [[:^alpha:]]})
 *       become Java classes with Oniguruma's Unicode 16.0 members ({@link OnigurumaProperties}), inside
 *       and outside brackets; outside brackets they ignore {@code (?i)}, as Oniguruma's do;
 *   <li>{@code \b} and {@code \B} become lookarounds on that {@code \w} (inside brackets {@code \b} is
 *       a backspace);
 *   <li>{@code \v} is the vertical tab, {@code \N} any character but {@code \n}, {@code \O} any character,
 *       {@code \0oo} and {@code \o{..}} octal, {@code \Q} and {@code \E} the plain letters;
 *   <li>{@code ^}, {@code $} and {@code .} see only {@code \n} as a line end, and {@code ^} and {@code $}
 *       match at every line ({@link #FLAGS}); the option {@code m} is Java's {@code s} (dot matches
 *       {@code \n}).
 * </ul>
 *
 * Everything else is copied as it is. The Java pattern ends with an empty group around a
 * supplementary character: java.util.regex steps over surrogate pairs as whole characters, as
 * Oniguruma does, only in a pattern that holds one (where a search starts) and in a lookbehind that
 * one follows.
 *
 * <p>The translation comes in two forms (a {@link Translation}): exact, and a faster one with this JDK's
 * own classes (and its {@code \b}), which matches the same on text without the code points where the
 * JDK's Unicode tables and Oniguruma's disagree for the classes the regex uses.
 */
final class OnigurumaSyntax {
  /** The flags to compile a translated pattern with. */
  static final int FLAGS = Pattern.UNICODE_CHARACTER_CLASS | Pattern.MULTILINE | Pattern.UNIX_LINES;

  /** Matches nothing, takes no time, and holds a supplementary character (U+10000). */
  private static final String SUPPLEMENTARY_MARKER = "(?:\uD800\uDC00){0}";

  /**
   * A translated regex: {@code exact}, and {@code uncorrected}, which matches as {@code exact} on any
   * text without a {@code corrected} code point.
   */
  record Translation(String exact, String uncorrected, BitSet corrected) {}

  private final String regex;
  private final StringBuilder exact;
  private final StringBuilder uncorrected;
  private final BitSet corrected = new BitSet();
  private int at;
  /** How many brackets are open. */
  private int classDepth;
  /** Whether an option group has turned on {@code i}: from then on, classes outside brackets switch it off. */
  private boolean ignoreCaseSeen;

  private OnigurumaSyntax(String regex) {
    this.regex = regex;
    this.exact = new StringBuilder(regex.length() + 64);
    this.uncorrected = new StringBuilder(regex.length() + 64);
  }

  /** The java.util.regex forms of the Oniguruma regex {@code regex}. */
  static Translation toJava(String regex) {
    OnigurumaSyntax translation = new OnigurumaSyntax(regex);
    translation.translate();
    String exact = translation.exact.append(SUPPLEMENTARY_MARKER).toString();
    String uncorrected = translation.uncorrected.append(SUPPLEMENTARY_MARKER).toString();
    return new Translation(exact, uncorrected, translation.corrected);
  }

  private void translate() {
    while (at < regex.length()) {
      char c = regex.charAt(at);
      if (c == '\\') {
        escape();
      } else if (c == '[') {
        openBracket();
      } else if (c == ']' && classDepth > 0) {
        classDepth--;
        copy(1);
      } else if (c == '(' && classDepth == 0 && regex.startsWith("(?", at)) {
        options();
      } else {
        copy(1);
      }
    }
  }

  private void escape() {
    // Java would read a trailing backslash as escaping the group that is appended.
    if (at + 1 >= regex.length()) throw new PatternSyntaxException("Trailing backslash", regex, at);
    char letter = regex.charAt(at + 1);
    boolean inClass = classDepth > 0;
    switch (letter) {
      case 'p', 'P' -> property(letter == 'P');
      case 'w', 'W', 'd', 'D', 's', 'S', 'h', 'H' -> replace(2, OnigurumaProperties.escape(letter, inClass));
      case 'b' -> {
        if (inClass) replace(2, "\\x08");
        else wordBoundary(true);
      }
      case 'B' -> {
        if (inClass) copy(2);
        else wordBoundary(false);
      }
      case 'v' -> replace(2, "\\x0B");
      case 'Q', 'E' -> replace(2, String.valueOf(letter));
      case 'N' -> {
        if (inClass || regex.startsWith("{", at + 2)) copy(2);
        else replace(2, "[^\\n]");
      }
      case 'O' -> {
        if (inClass) copy(2);
        else replace(2, "(?s:.)");
      }
      case '0' -> zeroOctal();
      case 'o' -> {
        int close = regex.indexOf('}', at + 2);
        if (regex.startsWith("{", at + 2) && close > at + 3 && isOctal(at + 3, close)) {
          int value = Integer.parseInt(regex.substring(at + 3, close), 8);
          replace(close + 1 - at, hexEscape(value));
        } else {
          copy(2);
        }
      }
      case 'c' -> copy(Math.min(3, regex.length() - at));
      default -> copy(Character.isHighSurrogate(letter) && at + 2 < regex.length() ? 3 : 2);
    }
  }

  /** {@code \p{name}}, {@code \P{name}} or {@code \p{^name}}; a name Oniguruma has and this translator does not is left to Java. */
  private void property(boolean negated) {
    int close = regex.indexOf('}', at);
    if (!regex.startsWith("{", at + 2) || close < 0) {
      copy(2);
      return;
    }
    String name = regex.substring(at + 3, close);
    if (name.startsWith("^")) {
      negated = !negated;
      name = name.substring(1);
    }
    OnigurumaProperties.JavaClass javaClass = OnigurumaProperties.property(name, negated, classDepth > 0);
    if (javaClass == null) copy(close + 1 - at);
    else replace(close + 1 - at, javaClass);
  }

  /** {@code \0} and up to two more octal digits (Java would read three). */
  private void zeroOctal() {
    int from = at + 2;
    int end = from;
    while (end < regex.length() && end - from < 2 && isOctal(end, end + 1)) end++;
    int value = end == from ? 0 : Integer.parseInt(regex.substring(from, end), 8);
    replace(end - at, hexEscape(value));
  }

  private boolean isOctal(int from, int to) {
    for (int i = from; i < to; i++) {
      char c = regex.charAt(i);
      if (c < '0' || c > '7') return false;
    }
    return true;
  }

  private static String hexEscape(int value) {
    return "\\x{" + Integer.toHexString(value) + "}";
  }

  private void openBracket() {
    if (classDepth > 0 && regex.startsWith("[:", at)) {
      int close = regex.indexOf(":]", at + 2);
      if (close > 0) {
        String name = regex.substring(at + 2, close);
        boolean negated = name.startsWith("^");
        OnigurumaProperties.JavaClass javaClass = OnigurumaProperties.posixBracket(negated ? name.substring(1) : name, negated);
        if (javaClass != null) {
          replace(close + 2 - at, javaClass);
          return;
        }
      }
    }
    classDepth++;
    copy(regex.startsWith("[^", at) ? 2 : 1);
  }

  /**
   * An option group {@code (?imx-imx)} or {@code (?imx-imx:}: Oniguruma's {@code m} (dot matches
   * newlines) is Java's {@code s}. Any other group is copied.
   */
  private void options() {
    int end = at + 2;
    while (end < regex.length() && "imx-".indexOf(regex.charAt(end)) >= 0) end++;
    if (end == at + 2 || end >= regex.length() || (regex.charAt(end) != ')' && regex.charAt(end) != ':')) {
      copy(2);
      return;
    }
    String options = regex.substring(at + 2, end);
    int off = options.indexOf('-');
    if (options.substring(0, off < 0 ? options.length() : off).indexOf('i') >= 0) ignoreCaseSeen = true;
    replace(end + 1 - at, "(?" + options.replace('m', 's') + regex.charAt(end));
  }

  /** A class; outside brackets it is case-sensitive, as Oniguruma's properties are. */
  private void replace(int length, OnigurumaProperties.JavaClass javaClass) {
    boolean caseSensitive = classDepth == 0 && ignoreCaseSeen;
    exact.append(caseSensitive ? "(?-i:" + javaClass.exact() + ")" : javaClass.exact());
    uncorrected.append(caseSensitive ? "(?-i:" + javaClass.uncorrected() + ")" : javaClass.uncorrected());
    corrected.or(javaClass.corrected());
    at += length;
  }

  /**
   * {@code \b} or {@code \B}: lookarounds on Oniguruma's {@code \w}, or Java's own, which tests its
   * {@code \w}, for the uncorrected form.
   */
  private void wordBoundary(boolean boundary) {
    OnigurumaProperties.JavaClass javaClass = OnigurumaProperties.escape('w', false);
    String word = javaClass.exact();
    String lookarounds = boundary
        ? "(?:(?<=" + word + ")(?!" + word + ")|(?<!" + word + ")(?=" + word + "))"
        : "(?:(?<=" + word + ")(?=" + word + ")|(?<!" + word + ")(?!" + word + "))";
    String own = boundary ? "\\b" : "\\B";
    exact.append(ignoreCaseSeen ? "(?-i:" + lookarounds + ")" : lookarounds);
    uncorrected.append(ignoreCaseSeen ? "(?-i:" + own + ")" : own);
    corrected.or(javaClass.corrected());
    at += 2;
  }

  private void copy(int length) {
    exact.append(regex, at, at + length);
    uncorrected.append(regex, at, at + length);
    at += length;
  }

  private void replace(int length, String replacement) {
    exact.append(replacement);
    uncorrected.append(replacement);
    at += length;
  }
}
