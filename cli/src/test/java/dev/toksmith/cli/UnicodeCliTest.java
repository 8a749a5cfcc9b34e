package dev.toksmith.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Unicode-glyph tokenizer on the command line: built in, trained, run by every command. */
class UnicodeCliTest {
  @TempDir Path dir;

  @Test
  void theBuiltInEncodesAndDecodesLosslessly() {
    String text = "hé 😀\uE000\n";
    CliTest.Result ids = CliTest.run(text.getBytes(StandardCharsets.UTF_8), "encode", "--tokenizer", "unicode");
    assertEquals(0, ids.code(), ids.err());
    // h, é, space, then F0 9F 98 80 and EE 80 80 as byte tokens at 0xF800 + byte.
    assertEquals("104 233 32 63728 63647 63640 63616 63726 63616 63616\n", new String(ids.out(), StandardCharsets.UTF_8));
    CliTest.Result back = CliTest.run(ids.out(), "decode", "--tokenizer", "unicode");
    assertEquals(text, new String(back.out(), StandardCharsets.UTF_8));
    CliTest.Result inspect = CliTest.run("inspect", "--tokenizer", "unicode");
    assertEquals(0, inspect.code(), inspect.err());
    assertTrue(new String(inspect.out(), StandardCharsets.UTF_8).contains("65536"), new String(inspect.out(), StandardCharsets.UTF_8));
  }

  @Test
  void trainTypeUnicodeLearnsNgramsPerScript() throws Exception {
    Path corpus = dir.resolve("corpus.txt");
    Files.writeString(corpus, "the then thee\nthe мир мир\n");
    Path out = dir.resolve("unicode.json");
    CliTest.Result r = CliTest.run("train", "--type", "unicode", "--ngrams", "2,3", "--per-script", "2", "--min-frequency", "2", "--output", out.toString(), corpus.toString());
    assertEquals(0, r.code(), r.err());
    // Latin: th 4, he 4 / the 4, hen 1 -> the, th, he (min 2); Cyrillic: ир 2, ми 2 / мир 2.
    CliTest.Result ids = CliTest.run("the мир\n".getBytes(StandardCharsets.UTF_8), "encode", "--tokenizer", out.toString(), "--format", "tokens");
    assertEquals("the \\s мир\n", new String(ids.out(), StandardCharsets.UTF_8));
    CliTest.Result bad = CliTest.run("train", "--type", "unicode", "--vocab-size", "500", "--output", out.toString(), corpus.toString());
    assertEquals(2, bad.code());
    assertTrue(bad.err().startsWith("toksmith: --vocab-size applies to --type bpe"), bad.err());
    // Options another type would ignore are refused.
    String[][] ignored = {
      {"--threads", "2", "--type", "unicode", "toksmith: --threads applies to --type bpe, not unicode"},
      {"--ngrams", "2", "toksmith: --ngrams applies to --type unicode, not bpe"},
      {"--per-script", "5", "--preset", "kl3m", "toksmith: --per-script applies to --type unicode, not bpe"},
      {"--per-script", "5", "--type", "word-pooled-chars", "toksmith: --per-script applies to --type unicode, not word-pooled-chars"},
    };
    for (String[] options : ignored) {
      List<String> args = new ArrayList<>(List.of("train", "--output", dir.resolve("never.json").toString(), corpus.toString()));
      args.addAll(List.of(options).subList(0, options.length - 1));
      CliTest.Result refused = CliTest.run(args.toArray(String[]::new));
      assertEquals(2, refused.code(), String.join(" ", args));
      assertTrue(refused.err().startsWith(options[options.length - 1]), refused.err());
    }
    assertFalse(Files.exists(dir.resolve("never.json")));
  }

  @Test
  void glyphsWritesEmbeddingsSidecarAndPreview() throws Exception {
    Path font = dir.resolve("tiny.hex");
    // Hand-drawn: O, and a box missing for everything else.
    Files.writeString(font, "004F:00000038444444444444443800000000\n");
    Path out = dir.resolve("unicode.safetensors");
    CliTest.Result r = CliTest.run("glyphs", "--tokenizer", "unicode", "--font", font.toString(), "--dim", "8", "--order", "polar", "--output", out.toString());
    assertEquals(0, r.code(), r.err());
    String summary = r.err();
    assertTrue(summary.startsWith("wrote " + out + ": 65536 x 8 float32"), summary);
    assertTrue(Files.size(out) > 65536L * 8 * 4);
    assertTrue(Files.readString(dir.resolve("unicode.safetensors.json")).contains("\"order\" : \"polar\""));

    Path png = dir.resolve("preview.png");
    CliTest.Result p = CliTest.run("glyphs", "--tokenizer", "unicode", "--font", font.toString(), "--preview", "OO", "--output", png.toString());
    assertEquals(0, p.code(), p.err());
    assertEquals(128 + 4, javax.imageio.ImageIO.read(png.toFile()).getWidth());

    CliTest.Result bad = CliTest.run("glyphs", "--tokenizer", "unicode", "--font", font.toString(), "--cell", "24", "--output", out.toString());
    assertEquals(2, bad.code());
    assertTrue(bad.err().startsWith("toksmith: --cell must be 16 or 32"), bad.err());
    CliTest.Result dimOfPreview = CliTest.run("glyphs", "--tokenizer", "unicode", "--font", font.toString(), "--preview", "OO", "--dim", "8", "--output", png.toString());
    assertEquals(2, dimOfPreview.code());
    assertTrue(dimOfPreview.err().startsWith("toksmith: --dim shapes the embedding's columns, which --preview does not write"), dimOfPreview.err());
  }
}
