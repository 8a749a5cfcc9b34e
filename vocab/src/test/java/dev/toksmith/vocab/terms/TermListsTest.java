package dev.toksmith.vocab.terms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TermListsTest {
  @TempDir Path dir;

  @Test
  void bundledListsHaveTheirSizeAndNoBlankOrDuplicateOrPaddedTerm() {
    assertBundled(TermLists.legal(), 300, 360);
    assertBundled(TermLists.financial(), 300, 360);
    assertBundled(TermLists.reporterAbbreviations(), 250, 400);
    assertEquals(TermLists.legal(), TermLists.bundled("legal"));
    assertEquals(TermLists.financial(), TermLists.bundled("financial"));
    assertEquals(TermLists.reporterAbbreviations(), TermLists.bundled("reporter-abbreviations"));
  }

  @Test
  void bundledListsHoldTheTermsTheyPromise() {
    assertTrue(TermLists.legal().containsAll(List.of("res judicata", "stare decisis", "habeas corpus", "42 U.S.C. § 1983", "Fed. R. Civ. P. 12(b)(6)")));
    assertTrue(TermLists.financial().containsAll(List.of("EBITDA", "P/E ratio", "10-K", "Basel III", "federal funds rate")));
    assertTrue(TermLists.reporterAbbreviations().containsAll(List.of(
        "U.S.", "S. Ct.", "L. Ed. 2d", "F.3d", "F. Supp. 2d", "A.2d", "N.E.2d", "Cal. Rptr.", "So. 3d", "P.3d", "S.W.3d", "N.Y.S.2d")));
  }

  @Test
  void eachBundledFileOpensWithAHeaderNamingHowItWasMadeAndItsLicense() throws Exception {
    for (String file : List.of("legal-terms.txt", "financial-terms.txt", "reporter-abbreviations.txt")) {
      String text;
      try (InputStream in = TermLists.class.getResourceAsStream(file)) {
        text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      assertTrue(text.startsWith("# "), file);
      String header = text.lines().takeWhile(line -> line.startsWith("#")).reduce("", (a, b) -> a + b + "\n");
      assertTrue(header.contains("How it was made:"), file);
      assertTrue(header.contains("License: CC0-1.0"), file);
    }
  }

  @Test
  void parsesCommentsBlankLinesCrlfAndAByteOrderMark() {
    byte[] bytes = "\uFEFF# header\r\nres judicata\r\n\r\n   \n# more\nF. Supp. 2d\nlast without newline".getBytes(StandardCharsets.UTF_8);
    assertEquals(List.of("res judicata", "F. Supp. 2d", "last without newline"), TermLists.parse(bytes, "x.txt"));
    assertEquals(List.of(), TermLists.parse(new byte[0], "empty.txt"));
  }

  @Test
  void readsAFileAndNamesTheLineOfAnError() throws Exception {
    Path file = Files.writeString(dir.resolve("mine.txt"), "# mine\nalpha\nbeta\n");
    assertEquals(List.of("alpha", "beta"), TermLists.read(file));
    IllegalArgumentException duplicate = assertThrows(IllegalArgumentException.class, () -> TermLists.parse("a\nb\na\n".getBytes(StandardCharsets.UTF_8), "d.txt"));
    assertEquals("d.txt:3: 'a' is given already on line 1", duplicate.getMessage());
    IllegalArgumentException padded = assertThrows(IllegalArgumentException.class, () -> TermLists.parse("a\n b\n".getBytes(StandardCharsets.UTF_8), "p.txt"));
    assertEquals("p.txt:2: the term has white space at its start or end", padded.getMessage());
    IllegalArgumentException binary = assertThrows(IllegalArgumentException.class, () -> TermLists.parse(new byte[] {'a', (byte) 0xFF}, "b.txt"));
    assertEquals("b.txt: not UTF-8 text", binary.getMessage());
    assertThrows(IllegalArgumentException.class, () -> TermLists.bundled("medical"));
  }

  private static void assertBundled(List<String> terms, int min, int max) {
    assertTrue(terms.size() >= min && terms.size() <= max, terms.size() + " terms");
    assertEquals(terms.size(), new HashSet<>(terms).size(), "duplicates");
    for (String term : terms) {
      assertTrue(!term.isBlank() && term.strip().equals(term) && !term.startsWith("#"), "'" + term + "'");
    }
  }
}
