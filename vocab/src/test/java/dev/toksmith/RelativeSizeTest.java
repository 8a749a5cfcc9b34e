package dev.toksmith;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The wording names both directions, each percentage relative to the tokenizer named last. */
class RelativeSizeTest {
  @Test
  void fewerTokensIsSaidBothWays() {
    // 91 tokens against 100: 9% fewer; 100 against 91: 9.89% more.
    assertEquals("kl3m uses 9.0% fewer tokens than gpt-4o; gpt-4o uses 9.9% more than kl3m",
        new RelativeSize("kl3m", "gpt-4o", 0.91).sentence());
  }

  @Test
  void moreTokensIsSaidBothWays() {
    // 125 against 100: 25% more; 100 against 125: 20% fewer.
    assertEquals("gpt2 uses 25.0% more tokens than kl3m; kl3m uses 20.0% fewer than gpt2",
        new RelativeSize("gpt2", "kl3m", 1.25).sentence());
    assertEquals(25.0, new RelativeSize("gpt2", "kl3m", 1.25).percentChange(), 1e-9);
    assertEquals(-20.0, new RelativeSize("gpt2", "kl3m", 1.25).baselinePercentChange(), 1e-9);
    assertEquals("25.0% more", new RelativeSize("gpt2", "kl3m", 1.25).tokenizerClause());
    assertEquals("20.0% fewer", new RelativeSize("gpt2", "kl3m", 1.25).baselineClause());
  }

  @Test
  void equalAndUndefined() {
    assertEquals("a uses as many tokens as b", new RelativeSize("a", "b", 1.0).sentence());
    assertEquals("as many", new RelativeSize("a", "b", 1.0).baselineClause());
    assertEquals(null, new RelativeSize("a", "b", Double.NaN).tokenizerClause());
    assertEquals("no comparison: b produced no tokens", new RelativeSize("a", "b", Double.POSITIVE_INFINITY).sentence());
    assertEquals("no comparison: a produced no tokens", new RelativeSize("a", "b", 0.0).sentence());
    assertEquals("no comparison: b produced no tokens", new RelativeSize("a", "b", Double.NaN).sentence());
  }
}
