package dev.toksmith.vocab.terms;

import dev.toksmith.core.text.Excerpt;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Term lists: the curated ones bundled with toksmith, and files of the same format.
 *
 * <p>Format: UTF-8 text, one term per line, exactly as it is written in running text (inner spaces
 * kept). Lines starting with {@code #} are comments (the bundled lists open with a header saying what
 * the list is, how it was made and its license); blank lines are skipped; a line may end in {@code
 * \r\n}; a leading byte order mark is ignored. A term with white space at either end, and a term given
 * twice, are errors naming the line, since either would skew a measurement silently.
 *
 * <pre>{@code
 * List<String> legal = TermLists.legal();                    // bundled
 * List<String> mine = TermLists.read(Path.of("terms.txt"));  // a file of the same format
 * }</pre>
 */
public final class TermLists {
  /** The names {@link #bundled} knows, each the stem of a resource {@code NAME-terms.txt} or {@code NAME.txt}. */
  public static final List<String> BUNDLED_NAMES = List.of("legal", "financial", "reporter-abbreviations");

  private TermLists() {}

  /** About 300 legal terms and phrases (Latin maxims, procedure, doctrines, citation forms). */
  public static List<String> legal() {
    return resource("legal-terms.txt");
  }

  /** About 300 financial terms and abbreviations (reporting, markets, banking, monetary policy). */
  public static List<String> financial() {
    return resource("financial-terms.txt");
  }

  /** US legal reporter abbreviations ({@code U.S.}, {@code S. Ct.}, {@code F.3d}, {@code A.2d}, ...), and the codes cited beside them. */
  public static List<String> reporterAbbreviations() {
    return resource("reporter-abbreviations.txt");
  }

  /**
   * A bundled list by name: {@code legal}, {@code financial} or {@code reporter-abbreviations}.
   *
   * @throws IllegalArgumentException for another name, listing the known ones
   */
  public static List<String> bundled(String name) {
    return switch (name) {
      case "legal" -> legal();
      case "financial" -> financial();
      case "reporter-abbreviations" -> reporterAbbreviations();
      default -> throw new IllegalArgumentException("no term list named '" + Excerpt.of(name) + "' (bundled: " + String.join(", ", BUNDLED_NAMES) + ")");
    };
  }

  /**
   * Reads a term list file.
   *
   * @throws IOException if the file cannot be read
   * @throws IllegalArgumentException if it is not UTF-8 or breaks the format; the message names the
   *     file and line
   */
  public static List<String> read(Path file) throws IOException {
    return parse(Files.readAllBytes(file), file.toString());
  }

  /**
   * Parses a term list.
   *
   * @param name what messages call the list, such as its file name
   * @throws IllegalArgumentException if the bytes are not UTF-8 or break the format
   */
  public static List<String> parse(byte[] bytes, String name) {
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException(name + ": not UTF-8 text");
    }
    if (text.startsWith("\uFEFF")) text = text.substring(1);
    List<String> terms = new ArrayList<>();
    Map<String, Integer> lineOf = new HashMap<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
      int lineNumber = i + 1;
      if (line.startsWith("#") || line.isBlank()) continue;
      if (!line.strip().equals(line)) {
        throw new IllegalArgumentException(name + ":" + lineNumber + ": the term has white space at its start or end");
      }
      Integer first = lineOf.putIfAbsent(line, lineNumber);
      if (first != null) throw new IllegalArgumentException(name + ":" + lineNumber + ": '" + Excerpt.of(line) + "' is given already on line " + first);
      terms.add(line);
    }
    return List.copyOf(terms);
  }

  private static List<String> resource(String file) {
    try (InputStream in = TermLists.class.getResourceAsStream(file)) {
      if (in == null) throw new IllegalStateException("term list missing from the class path: " + file);
      return parse(in.readAllBytes(), file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read term list " + file, e);
    }
  }
}
