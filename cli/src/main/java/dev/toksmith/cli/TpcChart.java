package dev.toksmith.cli;

import dev.toksmith.ComparisonResults;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The SVG bar chart of {@code compare --chart}: tokens per character per dataset, one bar per
 * tokenizer, grouped by dataset, with the unweighted mean as a last group when there are several
 * datasets. Self-contained: no scripts, fonts, styles or images from elsewhere; each bar has a
 * {@code <title>} with its exact value.
 */
final class TpcChart {
  private static final String[] COLORS = {"#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1", "#9c755f"};
  private static final int BAR = 22;
  private static final int GROUP_GAP = 26;
  private static final int LEFT = 64;
  private static final int TOP = 48;
  private static final int PLOT_HEIGHT = 260;
  private static final int LABEL_SPACE = 110;
  private static final int LEGEND_ROW = 18;

  private TpcChart() {}

  static String svg(ComparisonResults comparison) {
    List<String> tokenizers = comparison.tokenizerNames();
    List<String> groups = new ArrayList<>(comparison.datasetNames());
    List<double[]> values = new ArrayList<>();
    for (String d : comparison.datasetNames()) {
      double[] v = new double[tokenizers.size()];
      for (int t = 0; t < v.length; t++) v[t] = comparison.result(tokenizers.get(t), d).tokensPerCharacter();
      values.add(v);
    }
    if (groups.size() > 1) {
      groups.add("mean (unweighted)");
      double[] v = new double[tokenizers.size()];
      for (int t = 0; t < v.length; t++) v[t] = comparison.mean(tokenizers.get(t)).tokensPerCharacter();
      values.add(v);
    }
    double max = 0;
    for (double[] v : values) for (double x : v) if (!Double.isNaN(x)) max = Math.max(max, x);
    double step = niceStep(max / 5);
    double top = Math.max(step, Math.ceil(max / step) * step);

    int groupWidth = tokenizers.size() * BAR + GROUP_GAP;
    int plotWidth = Math.max(groups.size() * groupWidth, 240);
    int width = LEFT + plotWidth + 20;
    int legendTop = TOP + PLOT_HEIGHT + LABEL_SPACE;
    int height = legendTop + tokenizers.size() * LEGEND_ROW + 12;
    int baseY = TOP + PLOT_HEIGHT;

    StringBuilder sb = new StringBuilder();
    sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    sb.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n", width, height, width, height));
    sb.append(String.format(Locale.ROOT, "<rect x=\"0\" y=\"0\" width=\"%d\" height=\"%d\" fill=\"#ffffff\"/>%n", width, height));
    sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"24\" font-size=\"15\" font-weight=\"bold\">Tokens per character (lower is better)</text>%n", LEFT));
    for (double y = 0; y <= top + step / 2; y += step) {
      double py = baseY - y / top * PLOT_HEIGHT;
      sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#dddddd\"/>%n", LEFT, py, LEFT + plotWidth, py));
      sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n", LEFT - 6, py + 4, label(y, step)));
    }
    sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333333\"/>%n", LEFT, baseY, LEFT + plotWidth, baseY));
    for (int g = 0; g < groups.size(); g++) {
      int x0 = LEFT + g * groupWidth + GROUP_GAP / 2;
      double[] v = values.get(g);
      for (int t = 0; t < v.length; t++) {
        if (Double.isNaN(v[t])) continue;
        double h = v[t] / top * PLOT_HEIGHT;
        sb.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%.1f\" width=\"%d\" height=\"%.1f\" fill=\"%s\"><title>%s on %s: TPC %.4f</title></rect>%n",
            x0 + t * BAR, baseY - h, BAR - 2, h, COLORS[t % COLORS.length], escape(tokenizers.get(t)), escape(groups.get(g)), v[t]));
      }
      int cx = x0 + tokenizers.size() * BAR / 2;
      sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" transform=\"rotate(-35 %d %d)\">%s</text>%n", cx, baseY + 16, cx, baseY + 16, escape(shorten(groups.get(g)))));
    }
    for (int t = 0; t < tokenizers.size(); t++) {
      int y = legendTop + t * LEGEND_ROW;
      sb.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>%n", LEFT, y, COLORS[t % COLORS.length]));
      sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>%n", LEFT + 18, y + 10, escape(tokenizers.get(t))));
    }
    sb.append("</svg>\n");
    return sb.toString();
  }

  /** 1, 2 or 5 times a power of ten, at least {@code rough}. */
  static double niceStep(double rough) {
    if (!(rough > 0)) return 0.1;
    double power = Math.pow(10, Math.floor(Math.log10(rough)));
    for (double m : new double[] {1, 2, 5, 10}) if (m * power >= rough * (1 - 1e-9)) return m * power;
    return 10 * power;
  }

  private static String label(double y, double step) {
    int decimals = Math.max(0, (int) Math.ceil(-Math.log10(step) - 1e-9));
    return Decimals.fixed(y, decimals);
  }

  /** Long dataset names (paths) keep their last 28 characters. */
  private static String shorten(String name) {
    int n = name.codePointCount(0, name.length());
    return n <= 28 ? name : "…" + name.substring(name.offsetByCodePoints(0, n - 27));
  }

  private static String escape(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    s.codePoints().forEach(cp -> {
      switch (cp) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '"' -> sb.append("&quot;");
        default -> {
          // XML 1.0 forbids most control characters even as references.
          if (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r' || cp == 0xFFFE || cp == 0xFFFF || (cp >= 0xD800 && cp <= 0xDFFF)) sb.append('\uFFFD');
          else sb.appendCodePoint(cp);
        }
      }
    });
    return sb.toString();
  }
}
