package dev.toksmith.cli;

import dev.toksmith.vocab.glyphs.GlyphEmbeddings;
import dev.toksmith.vocab.glyphs.GlyphFonts;
import dev.toksmith.vocab.glyphs.PixelOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** {@code toksmith glyphs}; its model is built by {@link #spec}, without annotations (see {@link FieldOptions}). */
final class GlyphsCommand implements Callable<Integer> {
  static final String NAME = "glyphs";
  /** Debian's unifont package puts the hex font here; it is GPL, so toksmith never ships it. */
  static final Path SYSTEM_UNIFONT = Path.of("/usr/share/unifont/unifont.hex");

  Main main;
  CommandSpec spec;

  // Set by the command line (see spec).
  final TokenizerOption tokenizer = new TokenizerOption();
  Path output;
  Path font;
  int cell;
  Integer dim;
  String order;
  String preview;

  /** The model of {@code glyphs} run under {@code main}: its help and options. */
  static CommandSpec spec(Main main) {
    GlyphsCommand command = new GlyphsCommand();
    command.main = main;
    CommandSpec spec = CommandSpec.wrapWithoutInspection(command).name(NAME);
    command.spec = spec;
    spec.usageMessage().description(
        "Render every token's glyphs into frozen visual embeddings: float32 [vocab x dim] as .npy or .safetensors, with a JSON sidecar.",
        "With --preview, draw what the embedding sees of a text as a PNG instead.");
    spec.addMixin("tokenizer", command.tokenizer.mixin());
    spec.addOption(FieldOptions.option(command, "output", "-o", "--output").required(true).paramLabel("FILE")
        .description("FILE.npy or FILE.safetensors (the sidecar is FILE.json appended: FILE.npy.json); with --preview a PNG, or - for standard output.")
        .build());
    spec.addOption(FieldOptions.option(command, "font", "--font").paramLabel("FILE")
        .description("A GNU Unifont .hex (or .hex.gz) file, or a TrueType/OpenType font (default: /usr/share/unifont/unifont.hex, from Debian's unifont package).")
        .build());
    spec.addOption(FieldOptions.option(command, "cell", "--cell").paramLabel("16|32").defaultValue("16")
        .description("Cell size in pixels (default: ${DEFAULT-VALUE}).")
        .build());
    spec.addOption(FieldOptions.option(command, "dim", "--dim").paramLabel("D")
        .description("Columns: fewer than cell x cell projects on that many principal components (default: cell x cell, the pixels).")
        .build());
    spec.addOption(FieldOptions.option(command, "order", "--order").paramLabel("raster|polar").defaultValue("raster")
        .description("Pixel order of the columns: raster (row by row) or polar (from the centre outwards) (default: ${DEFAULT-VALUE}).")
        .build());
    spec.addOption(FieldOptions.option(command, "preview", "--preview").paramLabel("TEXT")
        .description("Write a PNG of the cells the tokens of TEXT are drawn as, to --output.")
        .build());
    FieldOptions.addStandardHelpOptions(spec);
    return spec;
  }

  @Override
  public Integer call() throws Exception {
    PixelOrder pixelOrder;
    try {
      pixelOrder = PixelOrder.valueOf(order.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--order must be raster or polar, not '" + order + "'");
    }
    if (cell != 16 && cell != 32) throw new ParameterException(spec.commandLine(), "--cell must be 16 or 32, not " + cell);
    for (String columnsOnly : new String[] {"--dim", "--order"}) {
      if (preview != null && spec.commandLine().getParseResult().hasMatchedOption(columnsOnly)) {
        throw new ParameterException(spec.commandLine(), columnsOnly + " shapes the embedding's columns, which --preview does not write");
      }
    }
    int dimensions = dim == null ? cell * cell : dim;
    if (dimensions < 1 || dimensions > cell * cell) throw new ParameterException(spec.commandLine(), "--dim must be in 1.." + cell * cell + " for --cell " + cell + ", not " + dimensions);
    if (preview == null && OutputFile.isStdout(output)) {
      throw new ParameterException(spec.commandLine(), "-o - : the embeddings are two files (FILE and its sidecar FILE.json), so they need a file name");
    }
    OutputFile.check(output);
    Path fontFile = font != null ? font : SYSTEM_UNIFONT;
    if (font == null && !Files.exists(fontFile)) {
      throw new ParameterException(spec.commandLine(), "no font: give --font FILE (a Unifont .hex or a TTF/OTF), or install Debian's unifont package for " + SYSTEM_UNIFONT);
    }
    GlyphEmbeddings embeddings = new GlyphEmbeddings(tokenizer.load(), GlyphFonts.open(fontFile), cell, pixelOrder);
    var out = main.streams.err();
    if (preview != null) {
      OutputFile.write(main, output, png -> embeddings.preview(preview, png));
      out.println("wrote " + OutputFile.name(output));
      return 0;
    }
    GlyphEmbeddings.Summary s = embeddings.write(output, dimensions, tokenizer.spec);
    out.printf(Locale.ROOT, "wrote %s: %d x %d float32, %d zero rows, %d characters drawn as hex boxes%s%n", output, s.rows(), s.dimensions(), s.zeroRows(),
        s.hexBoxFallbacks(), s.dimensions() < cell * cell ? String.format(Locale.ROOT, ", PCA keeps %.1f%% of the variance", 100 * s.explainedVariance()) : "");
    out.println("wrote " + s.sidecar());
    return 0;
  }
}
