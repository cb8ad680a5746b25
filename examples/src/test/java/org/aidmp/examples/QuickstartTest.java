package org.aidmp.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.aidmp.fixtures.SampleData;
import org.aidmp.pipeline.PipelineResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The quickstart end to end on a small generated data set. */
class QuickstartTest {
  @Test
  void runsEveryStageAndAccountsForEveryRow(@TempDir Path dir) throws Exception {
    SampleData.Written files =
        SampleData.builder().setUsers(2_000).setEvents(40_000).setSeed(5).get().writeTo(dir);
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(text, true, StandardCharsets.UTF_8);
    PipelineResult r =
        Quickstart.run(
            files.events(),
            files.users(),
            dir,
            out,
            new ConsoleProgressBar(
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)));

    assertTrue(r.eventAccount().balanced());
    assertEquals(40_000, r.eventAccount().read());
    assertTrue(r.eventAccount().quarantined() > 0, "the generator plants broken event rows");
    // The privacy section forgets one user everywhere, the quarantine file included: the rows it
    // dropped there are named in the printed receipt.
    java.util.regex.Matcher dropped =
        java.util.regex.Pattern.compile("quarantine (\\d+)\\)")
            .matcher(text.toString(StandardCharsets.UTF_8));
    assertTrue(dropped.find(), "the forget receipt names the quarantine");
    assertEquals(
        r.eventAccount().quarantined()
            + r.attributeCleaning().orElseThrow().quarantined()
            - Long.parseLong(dropped.group(1)),
        countLines(dir.resolve("quarantine.csv")) - 1,
        "every quarantined row is in the quarantine file, less the forgotten user's");
    assertEquals(5, r.segmentation().orElseThrow().k());
    assertTrue(r.recommender().isPresent());
    assertTrue(Files.size(dir.resolve("segments.html")) > 10_000);
    String printed = text.toString(StandardCharsets.UTF_8);
    for (String section :
        new String[] {
          "== Cleaning: events",
          "== Profiles",
          "== Segments",
          "== Recommendations",
          "== Lookalike audience",
          "(balanced)",
          "segment report",
          "== Propensity to buy",
          "== Privacy",
          "consent for analytics",
          "released with differential privacy (epsilon 0.5",
          "forgot one user everywhere"
        }) {
      assertTrue(printed.contains(section), "missing " + section + " in\n" + printed);
    }
  }

  private static long countLines(Path p) throws Exception {
    // Quarantined rows have as many fields as they had when read, so parse them as free rows.
    try (var reader = Files.newBufferedReader(p);
        var parser = org.apache.commons.csv.CSVFormat.DEFAULT.parse(reader)) {
      return parser.stream().count();
    }
  }
}
