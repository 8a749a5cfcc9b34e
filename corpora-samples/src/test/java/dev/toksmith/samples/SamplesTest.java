package dev.toksmith.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.Character.UnicodeScript;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class SamplesTest {

  private static final long MAX_TOTAL_BYTES = 5_000_000;
  private static final int MIN_LETTERS_PER_SCRIPT = 500;
  /** Where extract.sh writes; Surefire runs the tests in the module directory. */
  private static final Path RESOURCE_DIRECTORY = Path.of("src/main/resources/dev/toksmith/samples");

  private static final String LICENSES_RESOURCE = "/META-INF/toksmith-corpora-samples/LICENSES.md";

  /** The ISO 15924 codes used in the index, as the JDK's script property sees them. */
  private static final Map<String, Set<UnicodeScript>> UNICODE_SCRIPTS_BY_ISO_CODE =
      Map.ofEntries(
          Map.entry("Latn", EnumSet.of(UnicodeScript.LATIN)),
          Map.entry("Cyrl", EnumSet.of(UnicodeScript.CYRILLIC)),
          Map.entry("Grek", EnumSet.of(UnicodeScript.GREEK)),
          Map.entry("Arab", EnumSet.of(UnicodeScript.ARABIC)),
          Map.entry("Hebr", EnumSet.of(UnicodeScript.HEBREW)),
          Map.entry("Deva", EnumSet.of(UnicodeScript.DEVANAGARI)),
          Map.entry("Beng", EnumSet.of(UnicodeScript.BENGALI)),
          Map.entry("Taml", EnumSet.of(UnicodeScript.TAMIL)),
          Map.entry("Thai", EnumSet.of(UnicodeScript.THAI)),
          Map.entry("Hans", EnumSet.of(UnicodeScript.HAN)),
          Map.entry("Hant", EnumSet.of(UnicodeScript.HAN)),
          Map.entry(
              "Jpan", EnumSet.of(UnicodeScript.HAN, UnicodeScript.HIRAGANA, UnicodeScript.KATAKANA)),
          Map.entry("Kore", EnumSet.of(UnicodeScript.HANGUL, UnicodeScript.HAN)),
          Map.entry("Ethi", EnumSet.of(UnicodeScript.ETHIOPIC)),
          Map.entry("Geor", EnumSet.of(UnicodeScript.GEORGIAN)),
          Map.entry("Armn", EnumSet.of(UnicodeScript.ARMENIAN)));

  @Test
  void everySampleOpensAsNonEmptyValidUtf8WithUnixLineEnds() throws IOException {
    for (Sample sample : Samples.all()) {
      byte[] bytes;
      try (InputStream in = sample.open()) {
        bytes = in.readAllBytes();
      }
      String text = decodeStrictly(bytes, sample.name());
      assertFalse(text.isBlank(), sample.name() + " is empty");
      assertFalse(text.contains("\r"), sample.name() + " has a carriage return");
      assertTrue(text.endsWith("\n"), sample.name() + " lacks a final newline");
      assertEquals(text, sample.text(), sample.name() + ": text() differs from open()");
    }
  }

  @Test
  void indexListsEveryResourceFileAndNothingElse() throws IOException {
    Set<String> indexedFiles = Samples.all().stream().map(Sample::file).collect(Collectors.toSet());
    assertEquals(Samples.all().size(), indexedFiles.size(), "two samples share a file");
    Set<String> resourceFiles;
    try (Stream<Path> files = Files.list(RESOURCE_DIRECTORY)) {
      resourceFiles =
          files
              .map(file -> file.getFileName().toString())
              .filter(file -> !file.equals("index.tsv"))
              .collect(Collectors.toSet());
    }
    assertEquals(resourceFiles, indexedFiles);
  }

  @Test
  void allResourcesTogetherStayUnderFiveMegabytes() throws IOException {
    long totalBytes;
    try (Stream<Path> files = Files.list(RESOURCE_DIRECTORY)) {
      totalBytes = files.mapToLong(SamplesTest::size).sum();
    }
    assertTrue(totalBytes < MAX_TOTAL_BYTES, "samples take " + totalBytes + " bytes");
  }

  @Test
  void multilingualGroupHasManyLettersOfEveryRequiredScript() {
    Map<UnicodeScript, Integer> letters = new EnumMap<>(UnicodeScript.class);
    for (Sample sample : Samples.group("multilingual")) {
      sample.text().codePoints()
          .filter(Character::isLetter)
          .forEach(cp -> letters.merge(UnicodeScript.of(cp), 1, Integer::sum));
    }
    List<UnicodeScript> required =
        List.of(
            UnicodeScript.LATIN, UnicodeScript.CYRILLIC, UnicodeScript.GREEK,
            UnicodeScript.ARABIC, UnicodeScript.HEBREW, UnicodeScript.DEVANAGARI,
            UnicodeScript.BENGALI, UnicodeScript.TAMIL, UnicodeScript.THAI, UnicodeScript.HAN,
            UnicodeScript.HANGUL, UnicodeScript.ETHIOPIC, UnicodeScript.GEORGIAN,
            UnicodeScript.ARMENIAN);
    for (UnicodeScript script : required) {
      int count = letters.getOrDefault(script, 0);
      assertTrue(count >= MIN_LETTERS_PER_SCRIPT, script + " has only " + count + " letters");
    }
    int kana =
        letters.getOrDefault(UnicodeScript.HIRAGANA, 0)
            + letters.getOrDefault(UnicodeScript.KATAKANA, 0);
    assertTrue(kana >= MIN_LETTERS_PER_SCRIPT, "kana has only " + kana + " letters");
  }

  @Test
  void eachMultilingualSampleIsWrittenMostlyInItsIndexedScript() {
    for (Sample sample : Samples.group("multilingual")) {
      Set<UnicodeScript> expected = UNICODE_SCRIPTS_BY_ISO_CODE.get(sample.script());
      assertNotNull(expected, sample.name() + " has unmapped script " + sample.script());
      long letters = sample.text().codePoints().filter(Character::isLetter).count();
      long inScript =
          sample.text().codePoints()
              .filter(Character::isLetter)
              .filter(cp -> expected.contains(UnicodeScript.of(cp)))
              .count();
      assertTrue(
          inScript >= 0.9 * letters,
          sample.name() + ": only " + inScript + " of " + letters + " letters are " + expected);
    }
  }

  @Test
  void emojiSampleHasSupplementaryPlaneCodePoints() {
    String text = Samples.byName("emoji-test").text();
    long supplementary = text.codePoints().filter(cp -> cp > 0xFFFF).count();
    assertTrue(supplementary >= 1000, "only " + supplementary + " supplementary code points");
    assertTrue(text.contains("\uD83D\uDE00"), "U+1F600 GRINNING FACE missing");
  }

  @Test
  void everyGroupIsKnownAndNonEmpty() {
    Set<String> groups = Samples.all().stream().map(Sample::group).collect(Collectors.toSet());
    assertEquals(Set.of("legal", "government", "literature", "multilingual", "emoji"), groups);
    for (String group : groups) {
      assertFalse(Samples.group(group).isEmpty(), group);
      assertTrue(Samples.group(group).stream().allMatch(sample -> sample.group().equals(group)));
    }
  }

  @Test
  void byNameFindsEachIndexedSample() {
    for (Sample sample : Samples.all()) {
      assertSame(sample, Samples.byName(sample.name()));
    }
  }

  @Test
  void groupsAndNamesResolveAsToolsTakeThem() {
    assertEquals(List.of("legal", "government", "literature", "multilingual", "emoji"), Samples.groups());
    for (String group : Samples.groups()) assertEquals(Samples.group(group), Samples.byNameOrGroup(group));
    assertEquals(List.of(Samples.byName("moby-dick")), Samples.byNameOrGroup("moby-dick"));
    assertTrue(Samples.byNameOrGroup("poetry").isEmpty());
  }

  @Test
  void unknownNameErrorNamesTheKnownSamples() {
    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> Samples.byName("udhr-xyz"));
    assertTrue(error.getMessage().contains("'udhr-xyz'"), error.getMessage());
    assertTrue(error.getMessage().contains("udhr-eng"), error.getMessage());
    assertTrue(error.getMessage().contains("moby-dick"), error.getMessage());
  }

  @Test
  void unknownGroupErrorNamesTheKnownGroups() {
    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> Samples.group("poetry"));
    assertTrue(error.getMessage().contains("'poetry'"), error.getMessage());
    assertTrue(error.getMessage().contains("multilingual"), error.getMessage());
  }

  @Test
  void listsCannotBeModified() {
    Sample any = Samples.all().get(0);
    assertThrows(UnsupportedOperationException.class, () -> Samples.all().add(any));
    assertThrows(
        UnsupportedOperationException.class, () -> Samples.group(any.group()).remove(0));
  }

  @Test
  void bundledLicensesFileRecordsEverySampleAndSource() throws IOException {
    String licenses;
    try (InputStream in = Samples.class.getResourceAsStream(LICENSES_RESOURCE)) {
      assertNotNull(in, LICENSES_RESOURCE + " is not on the classpath");
      licenses = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    for (Sample sample : Samples.all()) {
      assertTrue(licenses.contains(sample.file()), "LICENSES.md lacks " + sample.file());
      assertTrue(licenses.contains(sample.source()), "LICENSES.md lacks " + sample.source());
    }
  }

  private static String decodeStrictly(byte[] bytes, String name) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new AssertionError(name + " is not valid UTF-8", e);
    }
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
