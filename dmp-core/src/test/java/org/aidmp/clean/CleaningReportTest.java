package org.aidmp.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.aidmp.clean.CleaningReport.RuleCounts;
import org.aidmp.data.BadRecordPolicy;
import org.junit.jupiter.api.Test;

class CleaningReportTest {
  private static final List<RuleCounts> RULES =
      List.of(
          new RuleCounts("convert-types", 10, 3, 0), new RuleCounts("drop-duplicates", 0, 0, 4));

  private static CleaningReport report() {
    return CleaningReport.of("events.csv", BadRecordPolicy.QUARANTINE, RULES, 93, 3, 4, true);
  }

  @Test
  void totalsBalance() {
    CleaningReport r = report();
    assertEquals(100, r.read());
    assertEquals(93, r.accepted());
    assertEquals(3, r.quarantined());
    assertEquals(4, r.skipped());
    assertTrue(r.complete());
    assertEquals(RULES, r.rules());
    assertEquals(4, r.rule("drop-duplicates").skipped());
    assertThrows(IllegalArgumentException.class, () -> r.rule("nope"));
  }

  @Test
  void readStageCountsAreAddedFirstAndKeepTheBalance() {
    CleaningReport r = report().plusReadStage(new StageCounts("read csv", 2, 1));
    assertEquals(103, r.read());
    assertEquals(5, r.quarantined());
    assertEquals(5, r.skipped());
    assertEquals(93, r.accepted());
    assertEquals(new RuleCounts("read csv", 0, 3, 0), r.rules().get(0));
    assertEquals(3, r.rules().size());
  }

  @Test
  void formatShowsEveryRuleAndTheTotalsButNoRowData() {
    String table = report().format();
    assertTrue(table.contains("events.csv"), table);
    assertTrue(table.contains("convert-types"), table);
    assertTrue(table.contains("drop-duplicates"), table);
    assertTrue(table.contains("read 100 = accepted 93 + quarantined 3 + skipped 4"), table);
    assertEquals(table, report().toString());
    CleaningReport partial =
        CleaningReport.of("x", BadRecordPolicy.SKIP, List.of(), 0, 0, 0, false);
    assertTrue(partial.format().contains("incomplete"), partial.format());
  }

  @Test
  void negativeCountsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new RuleCounts("a", -1, 0, 0));
    assertThrows(
        IllegalArgumentException.class,
        () -> CleaningReport.of("x", BadRecordPolicy.SKIP, List.of(), -1, 0, 0, true));
  }

  @Test
  void equalReportsAreEqual() {
    assertEquals(report(), report());
    assertEquals(report().hashCode(), report().hashCode());
    assertNotEquals(report(), report().plusReadStage(new StageCounts("r", 0, 0)));
    assertFalse(report().equals("report"));
  }
}
