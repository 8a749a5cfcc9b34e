package dev.toksmith.vocab.io;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Jackson's parse errors in words for people: what is wrong, then the line and column. Jackson puts
 * its own locations inside some messages ("start marker at [Source: REDACTED
 * (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 1, column: 1]"); they become
 * "line 1, column 1".
 *
 * <pre>{@code
 * catch (JsonProcessingException e) { throw new IOException(file + ": not valid JSON: " + JsonErrors.describe(e), e); }
 * }</pre>
 */
public final class JsonErrors {
  private static final Pattern LOCATION = Pattern.compile("\\[Source: [^\\]]*?; line: (\\d+), column: (\\d+)\\]");
  private static final Pattern SOURCE = Pattern.compile(" *\\[Source: [^\\]]*\\]");

  private JsonErrors() {}

  /** E.g. "Unexpected end-of-input: expected close marker for Object (start marker at line 1, column 1) (line 3, column 2)". */
  public static String describe(JsonProcessingException e) {
    String message = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
    message = LOCATION.matcher(message).replaceAll(m -> Matcher.quoteReplacement("line " + m.group(1) + ", column " + m.group(2)));
    message = SOURCE.matcher(message).replaceAll("");
    JsonLocation at = e.getLocation();
    return at == null || at.getLineNr() < 1 ? message : message + " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
  }
}
