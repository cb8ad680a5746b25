package org.aidmp.io.report;

import java.util.Locale;

/** Escaping, number formats, colours and axis bounds shared by the report's sections. */
final class Html {
  private Html() {}

  /** Ten distinguishable colours, cycled for more segments. */
  private static final String[] PALETTE = {
    "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f",
    "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"
  };

  static String color(int i) {
    return PALETTE[Math.floorMod(i, PALETTE.length)];
  }

  static double[] bounds(double[] v) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double x : v) {
      if (Double.isFinite(x)) {
        lo = Math.min(lo, x);
        hi = Math.max(hi, x);
      }
    }
    if (lo > hi) {
      return new double[] {0, 1};
    }
    if (hi - lo < 1e-12) {
      return new double[] {lo - 0.5, hi + 0.5};
    }
    return new double[] {lo, hi};
  }

  static String fmt(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  static String fmtInt(long v) {
    return String.format(Locale.ROOT, "%,d", v);
  }

  static String pct(double share) {
    return String.format(Locale.ROOT, "%.1f%%", 100 * share);
  }

  static String num(double v) {
    if (!Double.isFinite(v)) {
      return String.valueOf(v);
    }
    double a = Math.abs(v);
    if (a != 0 && (a >= 1e6 || a < 1e-3)) {
      return String.format(Locale.ROOT, "%.3g", v);
    }
    return String.format(Locale.ROOT, a >= 100 ? "%,.0f" : "%.3f", v);
  }

  /** Escapes text for HTML element content and attribute values. */
  static String esc(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 8);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '&' -> sb.append("&amp;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }
}
