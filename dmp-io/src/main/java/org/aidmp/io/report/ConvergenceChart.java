package org.aidmp.io.report;

/** The report's K-Means convergence section: inertia per iteration as an inline SVG line chart. */
final class ConvergenceChart {
  private ConvergenceChart() {}

  /** Appends the section; a note instead of a chart when {@code convergence} is null or empty. */
  static void render(StringBuilder h, double[] convergence) {
    h.append("<section id=\"convergence\"><h2>K-Means convergence</h2>\n");
    if (convergence == null || convergence.length == 0) {
      h.append("<p class=\"note\">No convergence curve given.</p></section>\n");
      return;
    }
    int w = 700;
    int ht = 300;
    int ml = 70;
    int mb = 36;
    double[] b = Html.bounds(convergence);
    int n = convergence.length;
    h.append("<svg role=\"img\" aria-label=\"inertia per iteration\" width=\"")
        .append(w)
        .append("\" height=\"")
        .append(ht)
        .append("\" viewBox=\"0 0 ")
        .append(w)
        .append(' ')
        .append(ht)
        .append("\"><line x1=\"")
        .append(ml)
        .append("\" y1=\"10\" x2=\"")
        .append(ml)
        .append("\" y2=\"")
        .append(ht - mb)
        .append("\" stroke=\"#999\"/><line x1=\"")
        .append(ml)
        .append("\" y1=\"")
        .append(ht - mb)
        .append("\" x2=\"")
        .append(w - 10)
        .append("\" y2=\"")
        .append(ht - mb)
        .append("\" stroke=\"#999\"/><polyline fill=\"none\" stroke=\"")
        .append(Html.color(0))
        .append("\" stroke-width=\"2\" points=\"");
    StringBuilder dots = new StringBuilder();
    for (int i = 0; i < n; i++) {
      double x = ml + (n == 1 ? 0.5 : (double) i / (n - 1)) * (w - ml - 20);
      double y = ht - mb - (convergence[i] - b[0]) / (b[1] - b[0]) * (ht - mb - 20);
      h.append(Html.fmt(x)).append(',').append(Html.fmt(y)).append(' ');
      dots.append("<circle cx=\"")
          .append(Html.fmt(x))
          .append("\" cy=\"")
          .append(Html.fmt(y))
          .append("\" r=\"3\" fill=\"")
          .append(Html.color(0))
          .append("\"><title>iteration ")
          .append(i + 1)
          .append(": ")
          .append(Html.num(convergence[i]))
          .append("</title></circle>");
    }
    h.append("\"/>")
        .append(dots)
        .append("<text x=\"")
        .append(ml - 6)
        .append("\" y=\"18\" text-anchor=\"end\">")
        .append(Html.num(b[1]))
        .append("</text><text x=\"")
        .append(ml - 6)
        .append("\" y=\"")
        .append(ht - mb)
        .append("\" text-anchor=\"end\">")
        .append(Html.num(b[0]))
        .append("</text>")
        .append("<text x=\"")
        .append(ml)
        .append("\" y=\"")
        .append(ht - mb + 16)
        .append("\" text-anchor=\"middle\">1</text><text x=\"")
        .append(w - 20)
        .append("\" y=\"")
        .append(ht - mb + 16)
        .append("\" text-anchor=\"middle\">")
        .append(n)
        .append("</text>")
        .append("<text x=\"")
        .append((w + ml) / 2)
        .append("\" y=\"")
        .append(ht - 6)
        .append("\" text-anchor=\"middle\">iteration</text><text x=\"14\" y=\"")
        .append((ht - mb) / 2)
        .append("\" transform=\"rotate(-90 14 ")
        .append((ht - mb) / 2)
        .append(")\" text-anchor=\"middle\">inertia</text></svg>");
    h.append("<p class=\"meta\">")
        .append(n)
        .append(" iterations; inertia ")
        .append(Html.num(convergence[0]))
        .append(" → ")
        .append(Html.num(convergence[n - 1]))
        .append(".</p></section>\n");
  }
}
