package org.aidmp.io.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import org.aidmp.internal.privacy.KAnonymity;
import org.aidmp.kmeans.Persona;
import org.ejml.data.FMatrixRMaj;

/**
 * A single self-contained HTML page about a segmentation, for people who would rather look than
 * read: segment sizes, personas, a 2-D PCA map of a sample of users coloured by segment, the
 * K-Means convergence curve and the cleaning report. Charts are inline SVG; the page loads no
 * script, font, style sheet or image from anywhere.
 *
 * <pre>{@code
 * SegmentReport report = SegmentReport.builder()
 *     .setTitle("November segments")
 *     .addSegment("bargain hunters", 1_204)
 *     .addSegment("loyal", 877)
 *     .addPersona("loyal", persona)               // a segmentation's Persona
 *     .setSample(sampleMatrix, sampleLabels)        // label i = the i-th segment added
 *     .setConvergence(inertiaPerIteration)
 *     .setCleaning(Map.of("duplicates removed", 312L))
 *     .get();
 * Path page = report.write(Path.of("out/segments.html"));
 * }</pre>
 *
 * <p>Inputs are plain values (sizes, {@link Persona} records, a matrix, a curve), so the report
 * depends on no model class. All text is HTML-escaped. Only aggregates and a projection are shown;
 * user ids never appear.
 *
 * <p><b>Small segments are suppressed.</b> A segment of fewer distinct users than the minimum group
 * size (default 100) is listed by name as "fewer than k" without its size; its persona and its
 * users' points on the map are left out, and the totals and shares count only the segments shown.
 * Sizes given to {@link Builder#addSegment(String, long)} must be distinct-user counts; {@link
 * Builder#addSegmentMembers(String, Iterable)} counts them from ids, a user listed twice counting
 * once. A minimum below the floor of 10 is refused unless {@link Builder#allowUnsafeMinimum()} was
 * called first.
 */
public final class SegmentReport {
  /** A persona under the name of its segment in this report. */
  private record NamedPersona(String segment, Persona persona) {}

  private final String title;
  private final List<String> segments;
  private final List<Long> sizes;
  private final List<NamedPersona> personas;
  private final Pca2D.Projection projection;
  private final int[] projectionLabels;
  private final double[] convergence;
  private final Map<String, Long> cleaning;
  private final int minGroupSize;
  private final boolean[] suppressed;

  private SegmentReport(Builder b) {
    this.title = b.title;
    this.segments = List.copyOf(b.segments);
    this.sizes = List.copyOf(b.sizes);
    this.minGroupSize = KAnonymity.checkK(b.minGroupSize, b.unsafeMinimum);
    this.suppressed = new boolean[segments.size()];
    for (int i = 0; i < suppressed.length; i++) {
      suppressed[i] = sizes.get(i) < minGroupSize;
    }
    this.personas =
        b.personas.stream().filter(p -> !isSuppressed(segments.indexOf(p.segment()))).toList();
    this.convergence = b.convergence == null ? null : b.convergence.clone();
    this.cleaning = Collections.unmodifiableMap(new LinkedHashMap<>(b.cleaning));
    if (b.sample != null) {
      int[] pick = shown(subsample(b.sample.numRows, b.maxPoints, b.seed), b.labels);
      FMatrixRMaj rows = new FMatrixRMaj(pick.length, b.sample.numCols);
      int[] labels = new int[pick.length];
      for (int i = 0; i < pick.length; i++) {
        System.arraycopy(
            b.sample.data,
            pick[i] * b.sample.numCols,
            rows.data,
            i * b.sample.numCols,
            b.sample.numCols);
        labels[i] = b.labels[pick[i]];
      }
      this.projection = Pca2D.project(rows);
      this.projectionLabels = labels;
    } else {
      this.projection = null;
      this.projectionLabels = null;
    }
  }

  private boolean isSuppressed(int segment) {
    return segment >= 0 && segment < suppressed.length && suppressed[segment];
  }

  /** The picked rows whose segment is not suppressed. */
  private int[] shown(int[] pick, int[] labels) {
    return java.util.Arrays.stream(pick).filter(i -> !isSuppressed(labels[i])).toArray();
  }

  /** The number of segments left out for being smaller than the minimum group size. */
  public int suppressedSegments() {
    int n = 0;
    for (boolean s : suppressed) {
      n += s ? 1 : 0;
    }
    return n;
  }

  /** The minimum number of distinct users a segment needs to be shown. */
  public int minGroupSize() {
    return minGroupSize;
  }

  private static int[] subsample(int n, int max, long seed) {
    int[] idx = new int[n];
    for (int i = 0; i < n; i++) {
      idx[i] = i;
    }
    if (n <= max) {
      return idx;
    }
    SplittableRandom r = new SplittableRandom(seed);
    for (int i = 0; i < max; i++) {
      int j = i + r.nextInt(n - i);
      int t = idx[i];
      idx[i] = idx[j];
      idx[j] = t;
    }
    int[] out = java.util.Arrays.copyOf(idx, max);
    java.util.Arrays.sort(out);
    return out;
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** The PCA projection shown, or {@code null} if no sample was given. */
  Pca2D.Projection projection() {
    return projection;
  }

  /** Writes the page to {@code file} atomically (temporary file and rename) and returns it. */
  public Path write(Path file) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp");
    try {
      Files.writeString(tmp, render(), StandardCharsets.UTF_8);
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
    return file;
  }

  /** The page as HTML text. */
  public String render() {
    StringBuilder h = new StringBuilder(64 * 1024);
    h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<title>")
        .append(Html.esc(title))
        .append("</title><style>")
        .append("body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:24px auto;")
        .append("max-width:980px;color:#222;padding:0 16px}")
        .append("h1{font-size:26px;margin-bottom:4px}h2{font-size:19px;margin-top:32px;")
        .append("border-bottom:1px solid #ddd;padding-bottom:4px}")
        .append(".meta{color:#666;margin-top:0}.note{color:#888;font-style:italic}")
        .append("table{border-collapse:collapse;margin:8px 0 16px}")
        .append("th,td{padding:3px 10px;border-bottom:1px solid #eee;text-align:right}")
        .append("th:first-child,td:first-child{text-align:left}th{background:#f6f6f6}")
        .append(".personas{display:flex;flex-wrap:wrap;gap:18px}")
        .append(".personas h3{font-size:15px;margin:8px 0 0}")
        .append(".sw{display:inline-block;width:11px;height:11px;border-radius:2px;")
        .append("margin-right:6px;vertical-align:-1px}")
        .append(".up{color:#2a7a2a}.down{color:#b03030}")
        .append("svg text{font-size:11px;fill:#444}")
        .append("</style></head><body>\n");
    long users = 0;
    for (int i = 0; i < sizes.size(); i++) {
      users += suppressed[i] ? 0 : sizes.get(i);
    }
    int hidden = suppressedSegments();
    h.append("<h1>")
        .append(Html.esc(title))
        .append("</h1>\n<p class=\"meta\">")
        .append(Html.fmtInt(users))
        .append(" users in ")
        .append(segments.size() - hidden)
        .append(" segments");
    if (hidden > 0) {
      h.append("; ")
          .append(hidden)
          .append(hidden == 1 ? " segment" : " segments")
          .append(" of fewer than ")
          .append(Html.fmtInt(minGroupSize))
          .append(" users not shown");
    }
    h.append("</p>\n");
    sizes(h, users);
    personas(h);
    scatter(h);
    ConvergenceChart.render(h, convergence);
    cleaning(h);
    h.append("</body></html>\n");
    return h.toString();
  }

  private void sizes(StringBuilder h, long users) {
    h.append("<section id=\"sizes\"><h2>Segment sizes</h2>\n");
    if (segments.isEmpty()) {
      h.append("<p class=\"note\">No segments given.</p></section>\n");
      return;
    }
    int barH = 22;
    int width = 900;
    int labelW = 200;
    int height = segments.size() * (barH + 6) + 10;
    long max = 0;
    for (int i = 0; i < sizes.size(); i++) {
      max = Math.max(max, suppressed[i] ? 0 : sizes.get(i));
    }
    h.append("<svg role=\"img\" aria-label=\"segment sizes\" width=\"")
        .append(width)
        .append("\" height=\"")
        .append(height)
        .append("\" viewBox=\"0 0 ")
        .append(width)
        .append(' ')
        .append(height)
        .append("\">");
    for (int i = 0; i < segments.size(); i++) {
      int y = 5 + i * (barH + 6);
      if (suppressed[i]) {
        h.append("<text x=\"")
            .append(labelW - 8)
            .append("\" y=\"")
            .append(y + 15)
            .append("\" text-anchor=\"end\">")
            .append(Html.esc(segments.get(i)))
            .append("</text><text x=\"")
            .append(labelW + 6)
            .append("\" y=\"")
            .append(y + 15)
            .append("\">fewer than ")
            .append(Html.fmtInt(minGroupSize))
            .append(" users: not shown</text>");
        continue;
      }
      double w = max == 0 ? 0 : (width - labelW - 140) * (double) sizes.get(i) / max;
      h.append("<text x=\"")
          .append(labelW - 8)
          .append("\" y=\"")
          .append(y + 15)
          .append("\" text-anchor=\"end\">")
          .append(Html.esc(segments.get(i)))
          .append("</text>")
          .append("<rect x=\"")
          .append(labelW)
          .append("\" y=\"")
          .append(y)
          .append("\" width=\"")
          .append(Html.fmt(Math.max(w, 1)))
          .append("\" height=\"")
          .append(barH)
          .append("\" fill=\"")
          .append(Html.color(i))
          .append("\"/>")
          .append("<text x=\"")
          .append(Html.fmt(labelW + w + 6))
          .append("\" y=\"")
          .append(y + 15)
          .append("\">")
          .append(Html.fmtInt(sizes.get(i)))
          .append(" (")
          .append(Html.pct(users == 0 ? 0 : (double) sizes.get(i) / users))
          .append(")</text>");
    }
    h.append("</svg></section>\n");
  }

  private void personas(StringBuilder h) {
    h.append("<section id=\"personas\"><h2>Personas</h2>\n");
    if (personas.isEmpty()) {
      h.append("<p class=\"note\">No personas given.</p></section>\n");
      return;
    }
    h.append("<div class=\"personas\">");
    for (NamedPersona p : personas) {
      int idx = segments.indexOf(p.segment());
      h.append("<div><h3><span class=\"sw\" style=\"background:")
          .append(idx < 0 ? "#999" : Html.color(idx))
          .append("\"></span>")
          .append(Html.esc(p.segment()))
          .append("</h3><table><tr><th>feature</th><th>segment mean</th><th>median</th>")
          .append("<th>all users mean</th><th>median</th><th>difference of means</th></tr>");
      for (Persona.Trait r : p.persona().traits()) {
        double diff = r.segmentValue() - r.overallValue();
        h.append("<tr><td>")
            .append(Html.esc(r.feature()))
            .append("</td><td>")
            .append(Html.num(r.segmentValue()))
            .append("</td><td>")
            .append(Html.num(r.segmentMedian()))
            .append("</td><td>")
            .append(Html.num(r.overallValue()))
            .append("</td><td>")
            .append(Html.num(r.overallMedian()))
            .append("</td><td class=\"")
            .append(diff >= 0 ? "up" : "down")
            .append("\">")
            .append(diff >= 0 ? "+" : "")
            .append(Html.num(diff))
            .append("</td></tr>");
      }
      h.append("</table></div>");
    }
    h.append("</div></section>\n");
  }

  private void scatter(StringBuilder h) {
    h.append("<section id=\"projection\"><h2>Users by segment (PCA)</h2>\n");
    if (projection == null) {
      h.append("<p class=\"note\">No sample given.</p></section>\n");
      return;
    }
    int w = 700;
    int ht = 460;
    int m = 40;
    double[] xs = projection.x();
    double[] ys = projection.y();
    double[] bx = Html.bounds(xs);
    double[] by = Html.bounds(ys);
    h.append("<p class=\"meta\">")
        .append(Html.fmtInt(xs.length))
        .append(" sampled users; PC1 explains ")
        .append(Html.pct(projection.explainedX()))
        .append(", PC2 ")
        .append(Html.pct(projection.explainedY()))
        .append(" of the variance.</p>");
    h.append("<svg role=\"img\" aria-label=\"PCA projection\" width=\"")
        .append(w)
        .append("\" height=\"")
        .append(ht)
        .append("\" viewBox=\"0 0 ")
        .append(w)
        .append(' ')
        .append(ht)
        .append("\"><rect x=\"")
        .append(m)
        .append("\" y=\"10\" width=\"")
        .append(w - m - 10)
        .append("\" height=\"")
        .append(ht - m - 10)
        .append("\" fill=\"#fafafa\" stroke=\"#ccc\"/>");
    for (int i = 0; i < xs.length; i++) {
      double px = m + (xs[i] - bx[0]) / (bx[1] - bx[0]) * (w - m - 20) + 5;
      double py = ht - m - 5 - (ys[i] - by[0]) / (by[1] - by[0]) * (ht - m - 30);
      h.append("<circle cx=\"")
          .append(Html.fmt(px))
          .append("\" cy=\"")
          .append(Html.fmt(py))
          .append("\" r=\"2.6\" fill=\"")
          .append(Html.color(projectionLabels[i]))
          .append("\" fill-opacity=\"0.75\"/>");
    }
    h.append("<text x=\"")
        .append(w / 2)
        .append("\" y=\"")
        .append(ht - 12)
        .append("\" text-anchor=\"middle\">PC1</text><text x=\"14\" y=\"")
        .append(ht / 2)
        .append("\" transform=\"rotate(-90 14 ")
        .append(ht / 2)
        .append(")\" text-anchor=\"middle\">PC2</text></svg>");
    h.append("<p>");
    List<Integer> present = new ArrayList<>();
    for (int l : projectionLabels) {
      if (!present.contains(l)) {
        present.add(l);
      }
    }
    Collections.sort(present);
    for (int l : present) {
      h.append("<span style=\"margin-right:14px\"><span class=\"sw\" style=\"background:")
          .append(Html.color(l))
          .append("\"></span>")
          .append(Html.esc(label(l)))
          .append("</span>");
    }
    h.append("</p></section>\n");
  }

  private void cleaning(StringBuilder h) {
    h.append("<section id=\"cleaning\"><h2>Cleaning report</h2>\n");
    if (cleaning.isEmpty()) {
      h.append("<p class=\"note\">No cleaning report given.</p></section>\n");
      return;
    }
    h.append("<table><tr><th>rule</th><th>rows</th></tr>");
    for (Map.Entry<String, Long> e : cleaning.entrySet()) {
      h.append("<tr><td>")
          .append(Html.esc(e.getKey()))
          .append("</td><td>")
          .append(Html.fmtInt(e.getValue()))
          .append("</td></tr>");
    }
    h.append("</table></section>\n");
  }

  private String label(int l) {
    return l >= 0 && l < segments.size() ? segments.get(l) : "segment " + l;
  }

  /** Collects the report's inputs; every section is optional. */
  public static final class Builder {
    private String title = "Segment report";
    private final List<String> segments = new ArrayList<>();
    private final List<Long> sizes = new ArrayList<>();
    private final List<NamedPersona> personas = new ArrayList<>();
    private FMatrixRMaj sample;
    private int[] labels;
    private int maxPoints = 2_000;
    private long seed = 42;
    private double[] convergence;
    private final Map<String, Long> cleaning = new LinkedHashMap<>();
    private int minGroupSize = KAnonymity.DEFAULT_K;
    private boolean unsafeMinimum;

    private Builder() {}

    /**
     * Segments of fewer distinct users are shown without size, persona or points (default 100).
     * Values below the floor of 10 are refused unless {@link #allowUnsafeMinimum()} was called
     * first.
     */
    public Builder setMinGroupSize(int minGroupSize) {
      this.minGroupSize = KAnonymity.checkK(minGroupSize, unsafeMinimum);
      return this;
    }

    /**
     * Allows a minimum group size below the floor of 10, down to 1, for data that is not about real
     * people (tests, synthetic data). Call it before {@link #setMinGroupSize(int)}.
     */
    public Builder allowUnsafeMinimum() {
      this.unsafeMinimum = true;
      return this;
    }

    /** Adds a segment sized by its members' distinct ids; a user listed twice counts once. */
    public Builder addSegmentMembers(String label, Iterable<String> userIds) {
      return addSegment(label, KAnonymity.distinct(Objects.requireNonNull(userIds, "userIds")));
    }

    /** The page title. */
    public Builder setTitle(String title) {
      this.title = Objects.requireNonNull(title, "title");
      return this;
    }

    /**
     * Adds a segment and its size in distinct users; the i-th segment added is label i in the
     * sample.
     */
    public Builder addSegment(String label, long size) {
      Objects.requireNonNull(label, "label");
      if (size < 0) {
        throw new IllegalArgumentException(
            "segment '" + label + "' has a negative size (" + size + ")");
      }
      if (segments.contains(label)) {
        throw new IllegalArgumentException("segment '" + label + "' was added twice");
      }
      segments.add(label);
      sizes.add(size);
      return this;
    }

    /**
     * Adds what sets a segment apart: each trait's mean and median in the segment and over all
     * users. {@code segment} should be a name added with {@link #addSegment}.
     */
    public Builder addPersona(String segment, Persona persona) {
      personas.add(
          new NamedPersona(
              Objects.requireNonNull(segment, "segment"),
              Objects.requireNonNull(persona, "persona")));
      return this;
    }

    /**
     * Rows of users (n × d, not modified) and each row's segment label, for the PCA map. At most
     * {@link #setMaxPoints} rows are drawn, chosen at random with the seed.
     */
    public Builder setSample(FMatrixRMaj rows, int[] labels) {
      Objects.requireNonNull(rows, "rows");
      Objects.requireNonNull(labels, "labels");
      if (labels.length != rows.numRows) {
        throw new IllegalArgumentException(
            "the sample has "
                + rows.numRows
                + " rows but "
                + labels.length
                + " labels; give one label per row");
      }
      this.sample = rows;
      this.labels = labels.clone();
      return this;
    }

    /** How many users the PCA map shows at most (default 2,000). */
    public Builder setMaxPoints(int maxPoints) {
      if (maxPoints < 2) {
        throw new IllegalArgumentException("maxPoints (" + maxPoints + ") must be at least 2");
      }
      this.maxPoints = maxPoints;
      return this;
    }

    /** The seed that picks the users shown when the sample is larger than the maximum. */
    public Builder setSeed(long seed) {
      this.seed = seed;
      return this;
    }

    /** Inertia after each K-Means iteration, first to last; copied. */
    public Builder setConvergence(double[] inertiaPerIteration) {
      this.convergence = Objects.requireNonNull(inertiaPerIteration, "inertiaPerIteration").clone();
      return this;
    }

    /** Rows affected per cleaning rule (read, quarantined, duplicates removed...), in order. */
    public Builder setCleaning(Map<String, Long> rowsPerRule) {
      cleaning.clear();
      cleaning.putAll(Objects.requireNonNull(rowsPerRule, "rowsPerRule"));
      return this;
    }

    /** The report; computes the PCA projection of the sample now. */
    public SegmentReport get() {
      return new SegmentReport(this);
    }
  }
}
