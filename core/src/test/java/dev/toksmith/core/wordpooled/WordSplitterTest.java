package dev.toksmith.core.wordpooled;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.toksmith.api.WordPooledTokenizer;
import dev.toksmith.core.wordpooled.UnitWordPooledTokenizer;
import java.util.List;
import org.junit.jupiter.api.Test;

class WordSplitterTest {
  private static void assertWords(String text, String... words) {
    assertEquals(List.of(words), UnitWordPooledTokenizer.bytes(1, 0).words(text), text);
  }

  @Test
  void punctuationIsItsOwnWordAndASingleSpaceLeadsTheNextWord() {
    assertWords("Hello,  world!\n", "Hello", ",", " ", " world", "!", "\n");
    assertWords("a (b) $5", "a", " (", "b", ")", " $", "5");
  }

  @Test
  void whitespaceRunsOtherThanOneSpaceBeforeAWordAreWords() {
    assertWords(" a", " a");
    assertWords("  a", " ", " a");
    assertWords("a\t b", "a", "\t", " b");
    assertWords("a  ", "a", "  ");
    assertWords("a\u00A0b", "a", "\u00A0", "b");
    assertWords("line\r\nnext", "line", "\r\n", "next");
    assertWords("");
  }

  @Test
  void graphemeClustersAreNeverCut() {
    assertWords("e\u0301te\u0301", "e\u0301te\u0301");
    assertWords("hi 👍🏽!", "hi", " 👍🏽", "!");
    assertWords("👨‍👩‍👧x", "👨‍👩‍👧", "x");
  }

  @Test
  void hanIsOneWordPerIdeographAndKanaRunsAreWords() {
    assertWords("東京タワーへ行く。", "東", "京", "タワー", "へ", "行", "く", "。");
    assertWords("我爱你", "我", "爱", "你");
  }

  @Test
  void thaiRunsAreWordsBetweenSpaces() {
    assertWords("สวัสดี ครับ", "สวัสดี", " ครับ");
  }
}
