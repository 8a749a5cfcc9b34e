package dev.toksmith.core.presets;

import dev.toksmith.core.normalizers.Normalizer;
import dev.toksmith.core.text.Utf8;
import dev.toksmith.core.unicode.NormalizedString;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The custom (domain) tokens of a KL3M-style vocabulary: families of strings that BPE splits badly
 * but domain text repeats (whitespace runs, markup and data-format fragments, punctuation runs, years,
 * citation enumerators, section numbers), plus the words of domain terms such as reporter
 * abbreviations. They are added to the trained vocabulary as added tokens.
 */
public final class Kl3mCustomTokens {
  private static final List<String> HTML_TAGS = List.of(
      "html", "head", "body", "div", "span", "p", "a", "img", "table", "thead", "tbody", "tfoot", "tr", "td", "th",
      "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6", "br", "hr", "pre", "code", "blockquote", "em", "strong",
      "script", "style", "form", "input", "button", "label", "select", "option", "textarea", "meta", "link", "title",
      "section", "article", "header", "footer", "nav", "iframe", "svg");
  private static final List<String> HTML_ATTRIBUTES = List.of("href", "src", "alt", "title", "class", "id", "style", "name", "type", "value");
  private static final List<String> FRAGMENTS = List.of(
      // Markdown
      "##", "###", "####", "#####", "######", "**", "__", "~~", "```", "![", "](",
      // URLs
      "http://", "https://", "www.", "ftp://", "mailto:", "tel:", "://",
      // JSON
      "{\"", "\"}", "[\"", "\"]", "\":", "\",\"", "\":\"", "\": \"", "\", \"", "{}", "[]", "null", "true", "false",
      // XML
      "<!--", "-->", "<![CDATA[", "]]>", "<?xml", "?>", "/>");
  private static final List<String> ROMAN = List.of("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix");

  private Kl3mCustomTokens() {}

  /** The KL3M families, upper- and lowercase forms both (lowercasing folds them for uncased vocabularies). */
  public static List<String> families() {
    List<String> tokens = new ArrayList<>();
    for (String whitespace : List.of(" ", "\t", "\r", "\n")) for (int n = 2; n <= 8; n++) tokens.add(whitespace.repeat(n));
    tokens.add("\r\n");
    tokens.add("\t ");
    tokens.addAll(FRAGMENTS);
    for (String tag : HTML_TAGS) {
      for (String t : List.of(tag, tag.toUpperCase(java.util.Locale.ROOT))) {
        tokens.add("<" + t);
        tokens.add("</" + t + ">");
      }
    }
    for (String attribute : HTML_ATTRIBUTES) {
      tokens.add(" " + attribute + "=\"");
      tokens.add(" " + attribute.toUpperCase(java.util.Locale.ROOT) + "=\"");
    }
    for (String punctuation : List.of(".", "-", "=", "_", "*", "~")) for (int n = 2; n <= 8; n++) tokens.add(punctuation.repeat(n));
    for (int year = 1776; year <= 2049; year++) tokens.add(Integer.toString(year));
    for (char c = 'a'; c <= 'z'; c++) {
      tokens.add("(" + c + ")");
      tokens.add("(" + Character.toUpperCase(c) + ")");
    }
    for (int n = 1; n <= 99; n++) tokens.add("(" + n + ")");
    for (String roman : ROMAN) {
      tokens.add("(" + roman + ")");
      tokens.add("(" + roman.toUpperCase(java.util.Locale.ROOT) + ")");
    }
    for (int n = 10; n <= 999; n++) tokens.add(Integer.toString(n));
    return tokens;
  }

  /** The words of {@code terms}, split at white space, as KL3M adds multi-word abbreviations such as "F. Supp. 2d". */
  public static List<String> words(Collection<String> terms) {
    List<String> words = new ArrayList<>();
    for (String term : terms) for (String word : term.strip().split("\\s+")) if (!word.isEmpty()) words.add(word);
    return words;
  }

  /**
   * The final list: each token normalized as the tokenizer normalizes text (so that its content is
   * what it matches), duplicates removed, sorted by code point, single characters dropped (every
   * character already has its bytes' tokens).
   *
   * @param normalizer the tokenizer's normalizer, or null
   */
  public static List<String> finish(Collection<String> tokens, Normalizer normalizer) {
    Set<String> unique = new LinkedHashSet<>();
    for (String token : tokens) {
      String normalized = token;
      if (normalizer != null) {
        NormalizedString text = new NormalizedString(token, 0);
        normalizer.normalize(text);
        normalized = text.get();
      }
      if (normalized.codePointCount(0, normalized.length()) > 1) unique.add(normalized);
    }
    List<String> sorted = new ArrayList<>(unique);
    sorted.sort(Utf8.CODE_POINT_ORDER);
    return List.copyOf(sorted);
  }
}
