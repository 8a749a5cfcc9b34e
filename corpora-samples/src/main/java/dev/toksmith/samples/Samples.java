package dev.toksmith.samples;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the small, licensed sample corpora bundled with this module, for tests and benchmarks
 * that need real text in many scripts without any download.
 *
 * <p>The catalogue is read once from the {@code index.tsv} resource on first use. All returned
 * lists are unmodifiable, and every method is safe to call from any thread.
 */
public final class Samples {

  private static final String INDEX_RESOURCE = "index.tsv";
  private static final String INDEX_HEADER = "name\tfile\tgroup\tlanguage\tscript\tsource\tlicense";

  private Samples() {}

  /**
   * Lists every bundled sample.
   *
   * @return all samples, in index order
   */
  public static List<Sample> all() {
    return Catalogue.SAMPLES;
  }

  /**
   * Lists the samples of one group, e.g. {@code multilingual} for the UDHR translations.
   *
   * @param group a group name as in {@link Sample#group()}
   * @return the group's samples, in index order; never empty
   * @throws IllegalArgumentException if no sample has that group, naming the known groups
   */
  public static List<Sample> group(String group) {
    List<Sample> members = Catalogue.BY_GROUP.get(group);
    if (members == null) {
      throw new IllegalArgumentException(
          "unknown sample group '" + group + "'; known groups: " + Catalogue.BY_GROUP.keySet());
    }
    return members;
  }

  /**
   * Lists the sample groups.
   *
   * @return the group names, in the order their first sample has in the index
   */
  public static List<String> groups() {
    return List.copyOf(Catalogue.BY_GROUP.keySet());
  }

  /**
   * The sample of that name, or else the samples of the group of that name, as tools take a sample
   * given by name.
   *
   * @param name a sample name or group name
   * @return the sample, or the group's samples in index order; empty when there is neither
   */
  public static List<Sample> byNameOrGroup(String name) {
    Sample sample = Catalogue.BY_NAME.get(name);
    if (sample != null) return List.of(sample);
    return Catalogue.BY_GROUP.getOrDefault(name, List.of());
  }

  /**
   * Looks up one sample by its unique name, e.g. {@code udhr-kor} or {@code moby-dick}.
   *
   * @param name a sample name as in {@link Sample#name()}
   * @return the sample
   * @throws IllegalArgumentException if there is no such sample, naming the known samples
   */
  public static Sample byName(String name) {
    Sample sample = Catalogue.BY_NAME.get(name);
    if (sample == null) {
      throw new IllegalArgumentException(
          "unknown sample '" + name + "'; known samples: " + Catalogue.BY_NAME.keySet());
    }
    return sample;
  }

  /** Holds the parsed index; the JVM's class initialization makes loading lazy and thread-safe. */
  private static final class Catalogue {
    static final List<Sample> SAMPLES = readIndex();
    static final Map<String, Sample> BY_NAME = indexByName(SAMPLES);
    static final Map<String, List<Sample>> BY_GROUP = indexByGroup(SAMPLES);

    private static List<Sample> readIndex() {
      try (InputStream bytes = Samples.class.getResourceAsStream(INDEX_RESOURCE)) {
        if (bytes == null) {
          throw new IllegalStateException("sample index missing from the classpath: " + INDEX_RESOURCE);
        }
        BufferedReader lines =
            new BufferedReader(new InputStreamReader(bytes, StandardCharsets.UTF_8));
        String header = lines.readLine();
        if (!INDEX_HEADER.equals(header)) {
          throw new IllegalStateException("unexpected sample index header: " + header);
        }
        List<Sample> samples = new ArrayList<>();
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
          String[] fields = line.split("\t", -1);
          if (fields.length != 7) {
            throw new IllegalStateException("malformed sample index line: " + line);
          }
          samples.add(
              new Sample(fields[0], fields[1], fields[2], fields[3], fields[4], fields[5], fields[6]));
        }
        return List.copyOf(samples);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read sample index " + INDEX_RESOURCE, e);
      }
    }

    private static Map<String, Sample> indexByName(List<Sample> samples) {
      Map<String, Sample> byName = new LinkedHashMap<>();
      for (Sample sample : samples) {
        if (byName.put(sample.name(), sample) != null) {
          throw new IllegalStateException("duplicate sample name in index: " + sample.name());
        }
      }
      // Not Map.copyOf: error messages list the keys, and should list them in index order.
      return Collections.unmodifiableMap(byName);
    }

    private static Map<String, List<Sample>> indexByGroup(List<Sample> samples) {
      Map<String, List<Sample>> byGroup = new LinkedHashMap<>();
      for (Sample sample : samples) {
        byGroup.computeIfAbsent(sample.group(), group -> new ArrayList<>()).add(sample);
      }
      byGroup.replaceAll((group, members) -> List.copyOf(members));
      return Collections.unmodifiableMap(byGroup);
    }
  }
}
