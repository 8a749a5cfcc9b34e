package dev.toksmith.cli;

import dev.toksmith.EditAlignment;
import dev.toksmith.samples.Sample;
import dev.toksmith.samples.Samples;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/** {@code toksmith samples}; its model is built by {@link #spec}, without annotations (see {@link FieldOptions}). */
final class SamplesCommand implements Callable<Integer> {
  static final String NAME = "samples";
  /** How many similar names an unknown sample name is answered with. */
  private static final int SUGGESTIONS = 6;

  Main main;

  /** The model of {@code samples} run under {@code main}: its help. */
  static CommandSpec spec(Main main) {
    SamplesCommand command = new SamplesCommand();
    command.main = main;
    CommandSpec spec = CommandSpec.wrapWithoutInspection(command).name(NAME);
    spec.usageMessage().description(
        "List the bundled sample texts and sample groups, which compare takes as datasets by name.",
        "Each sample is public domain or permissively licensed, extracted from the registry package named under source "
            + "(corpora-samples/LICENSES.md in the source tree tells how). With no INPUT, train trains on all of them.");
    FieldOptions.addStandardHelpOptions(spec);
    return spec;
  }

  @Override
  public Integer call() throws IOException {
    List<List<String>> samples = new ArrayList<>();
    Map<String, long[]> groups = new LinkedHashMap<>();
    for (Sample s : Samples.all()) {
      long bytes = size(s);
      samples.add(List.of(s.name(), s.group(), s.language(), s.script(), Long.toString(bytes), s.license(), s.source()));
      long[] group = groups.computeIfAbsent(s.group(), g -> new long[2]);
      group[0]++;
      group[1] += bytes;
    }
    List<List<String>> groupRows = new ArrayList<>();
    groups.forEach((name, counts) -> groupRows.add(List.of(name, Long.toString(counts[0]), Long.toString(counts[1]))));
    main.streams.out().print(CompareTable.render(List.of(
        new CompareReport.Section("Samples", List.of("sample", "group", "language", "script", "bytes", "license", "source"), "llllrll", samples,
            List.of("Languages are BCP 47 tags, scripts ISO 15924 codes; bytes of UTF-8 text.")),
        new CompareReport.Section("Groups", List.of("group", "samples", "bytes"), "lrr", groupRows,
            List.of("compare takes a sample's or a group's name as an INPUT, e.g. toksmith compare -t gpt2 legal udhr-jpn.")))));
    return 0;
  }

  private static long size(Sample sample) throws IOException {
    try (InputStream in = sample.open()) {
      return in.transferTo(java.io.OutputStream.nullOutputStream());
    }
  }

  /**
   * Why {@code name} is no dataset: it names no file, sample or group. Lists the groups and the samples
   * whose names are closest to it, as an unknown tokenizer name is answered with the built-in ones.
   */
  static String unknown(String name) {
    List<Sample> nearest = new ArrayList<>(Samples.all());
    nearest.sort(Comparator.comparingInt((Sample s) -> EditAlignment.of(s.name(), name).distance()));
    List<String> names = nearest.subList(0, SUGGESTIONS).stream().map(Sample::name).toList();
    return "no such file, directory, bundled sample or sample group: " + name + " (groups: " + String.join(", ", Samples.groups())
        + "; samples such as " + String.join(", ", names) + "; toksmith samples lists all " + Samples.all().size() + ")";
  }
}
