package org.aidmp.io.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.aidmp.kmeans.Persona;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegmentReportTest {
  @TempDir Path dir;

  /** Three Gaussian blobs in 8 dimensions, the kind of sample the quickstart produces. */
  static SegmentReport sampleReport(int n) {
    SplittableRandom r = new SplittableRandom(7);
    FMatrixRMaj rows = new FMatrixRMaj(n, 8);
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = i % 3;
      for (int j = 0; j < 8; j++) {
        rows.set(i, j, (float) (r.nextGaussian() + (j == labels[i] ? 4 : 0)));
      }
    }
    Map<String, Long> cleaning = new LinkedHashMap<>();
    cleaning.put("rows read", 100_000L);
    cleaning.put("duplicates removed", 1_234L);
    cleaning.put("quarantined: bad timestamp", 56L);
    return SegmentReport.builder()
        .setTitle("November segments")
        .addSegment("bargain hunters", 40_100)
        .addSegment("loyal <regulars>", 35_500)
        .addSegment("new & curious", 23_110)
        .addPersona(
            "bargain hunters",
            new Persona(
                0,
                40_100,
                0.40,
                List.of(
                    new Persona.Trait("orders / month", 3.2, 1.9, 0.8, 3, 1.5),
                    new Persona.Trait("discount share", 0.71, 0.25, 1.6, 0.75, 0.2))))
        .addPersona(
            "loyal <regulars>",
            new Persona(
                1,
                35_500,
                0.36,
                List.of(
                    new Persona.Trait("orders / month", 5.8, 1.9, 2.1, 5, 1.5),
                    new Persona.Trait("days since last order", 4, 21, -1.2, 3, 14))))
        .setSample(rows, labels)
        .setConvergence(new double[] {9120.5, 5210.2, 4102.9, 3990.1, 3985.7, 3985.6})
        .setCleaning(cleaning)
        .get();
  }

  @Test
  void pageHasEverySectionAndIsSelfContained() throws IOException {
    String html = sampleReport(900).render();
    for (String id : List.of("sizes", "personas", "projection", "convergence", "cleaning")) {
      assertTrue(html.contains("<section id=\"" + id + "\">"), "missing section " + id);
    }
    assertEquals(900, count(html, "<circle cx=") - 6, "one dot per sampled user");
    assertFalse(
        Pattern.compile("(?i)(src|href)\\s*=").matcher(html).find(),
        "the page must not load anything");
    assertFalse(html.contains("http://") || html.contains("https://") || html.contains("url("));
    assertFalse(html.contains("<script"));
    assertTrue(html.contains("98,710 users in 3 segments"), "total of the sizes");
    assertTrue(html.contains("1,234"));
    assertTrue(html.contains("<th>median</th>"), "personas show medians beside means");
    assertTrue(html.contains("<td>0.750</td>"), "the discount share's median");
    // Also kept for a look in a browser (the build's screenshot step reads it from target/).
    Path out = Path.of("target", "segment-report-sample.html");
    sampleReport(900).write(out);
    assertTrue(Files.size(out) > 10_000);
  }

  @Test
  void textIsEscaped() {
    String html =
        SegmentReport.builder()
            .setTitle("<script>alert('x')</script>")
            .addSegment("a\"b<c>&d", 10)
            .get()
            .render();
    assertFalse(html.contains("<script>"));
    assertTrue(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
    assertTrue(html.contains("a&quot;b&lt;c&gt;&amp;d"));
  }

  @Test
  void largeSamplesAreCappedDeterministically() {
    String a =
        SegmentReport.builder()
            .setMaxPoints(300)
            .setSeed(1)
            .setSample(sampleMatrix(5_000), new int[5_000])
            .get()
            .render();
    String b =
        SegmentReport.builder()
            .setMaxPoints(300)
            .setSeed(1)
            .setSample(sampleMatrix(5_000), new int[5_000])
            .get()
            .render();
    assertEquals(300, count(a, "<circle cx="));
    assertEquals(a, b);
  }

  @Test
  void emptyReportSaysWhatIsMissing() {
    String html = SegmentReport.builder().get().render();
    assertEquals(5, count(html, "class=\"note\""));
  }

  @Test
  void inputsAreValidated() {
    SegmentReport.Builder b = SegmentReport.builder().addSegment("s", 1);
    assertThrows(IllegalArgumentException.class, () -> b.addSegment("s", 2));
    assertThrows(IllegalArgumentException.class, () -> b.addSegment("t", -1));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> b.setSample(new FMatrixRMaj(4, 2), new int[3]));
    assertTrue(e.getMessage().contains("4 rows but 3 labels"), e.getMessage());
  }

  @Test
  void writeReplacesTheFileWhole() throws IOException {
    Path f = dir.resolve("r.html");
    Files.writeString(f, "old");
    SegmentReport.builder().addSegment("s", 5).get().write(f);
    assertTrue(Files.readString(f).startsWith("<!DOCTYPE html>"));
    try (var files = Files.list(dir)) {
      assertEquals(1, files.count());
    }
  }

  @Test
  void segmentsUnderTheMinimumShowNoSizePersonaOrPoints() {
    FMatrixRMaj rows = sampleMatrix(400);
    int[] labels = new int[400];
    for (int i = 0; i < 400; i++) {
      labels[i] = i < 395 ? 0 : 1;
    }
    String html =
        SegmentReport.builder()
            .addSegment("big", 395)
            .addSegment("tiny", 5)
            .addPersona(
                "big",
                new Persona(0, 395, 0.99, List.of(new Persona.Trait("spend", 1, 1, 0, 1, 1))))
            .addPersona(
                "tiny",
                new Persona(
                    1, 5, 0.01, List.of(new Persona.Trait("spend", 4242.42, 1, 9, 4242.42, 1))))
            .setSample(rows, labels)
            .get()
            .render();
    assertTrue(
        html.contains("395 users in 1 segments; 1 segment of fewer than 100 users not shown"));
    assertTrue(html.contains("tiny</text>"), "the small segment is named");
    assertTrue(html.contains("fewer than 100 users: not shown"));
    assertFalse(html.contains(">5 ("), "the small segment's size leaked");
    assertFalse(html.contains("4,242"), "the small segment's persona leaked");
    assertEquals(395, count(html, "<circle cx="), "the small segment's points leaked");
    assertTrue(html.contains("100.0%"), "shares count only the segments shown");
  }

  @Test
  void membersAreCountedDistinct() {
    List<String> padded = new java.util.ArrayList<>(java.util.Collections.nCopies(150, "u1"));
    SegmentReport r = SegmentReport.builder().addSegmentMembers("padded", padded).get();
    assertEquals(1, r.suppressedSegments());
    List<String> real = java.util.stream.IntStream.range(0, 100).mapToObj(i -> "u" + i).toList();
    assertEquals(
        0, SegmentReport.builder().addSegmentMembers("real", real).get().suppressedSegments());
  }

  @Test
  void theFloorNeedsTheUnsafeFlag() {
    assertThrows(IllegalArgumentException.class, () -> SegmentReport.builder().setMinGroupSize(9));
    SegmentReport r =
        SegmentReport.builder().allowUnsafeMinimum().setMinGroupSize(1).addSegment("s", 1).get();
    assertEquals(1, r.minGroupSize());
    assertEquals(0, r.suppressedSegments());
    assertTrue(r.render().contains("1 users in 1 segments"));
  }

  private static FMatrixRMaj sampleMatrix(int n) {
    SplittableRandom r = new SplittableRandom(3);
    FMatrixRMaj m = new FMatrixRMaj(n, 3);
    for (int i = 0; i < m.data.length; i++) {
      m.data[i] = (float) r.nextGaussian();
    }
    return m;
  }

  private static int count(String s, String needle) {
    Matcher m = Pattern.compile(Pattern.quote(needle)).matcher(s);
    int c = 0;
    while (m.find()) {
      c++;
    }
    return c;
  }
}
