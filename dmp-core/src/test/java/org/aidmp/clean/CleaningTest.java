package org.aidmp.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.aidmp.data.BadRecordException;
import org.aidmp.data.BadRecordPolicy;
import org.aidmp.data.ColumnType;
import org.aidmp.data.Quarantine;
import org.aidmp.data.QuarantinedRecord;
import org.aidmp.data.Record;
import org.aidmp.data.Schema;
import org.aidmp.data.Source;
import org.junit.jupiter.api.Test;

class CleaningTest {
  private static final Schema TEXT = Rows.strings("user", "age", "city");
  private static final Schema TYPED =
      Schema.builder()
          .add("user", ColumnType.STRING)
          .add("age", ColumnType.INT)
          .add("city", ColumnType.STRING)
          .build();

  /** Line 3 has a bad age, line 4 repeats line 2 after trimming. */
  private static Source events() {
    return Rows.source(
        TEXT,
        new Object[] {"u1", "30", "Paris"},
        new Object[] {"u2", "old", "Lyon"},
        new Object[] {" u1 ", "30", "Paris "},
        new Object[] {"u3", "", "NY"});
  }

  private static Cleaning.Builder pipeline() {
    return Cleaning.builder()
        .add(NormalizeText.DEFAULT)
        .add(DropDuplicates.builder().get())
        .add(ConvertTypes.to(TYPED))
        .add(MapSynonyms.builder().setColumns("city").map("New York", "NY").get());
  }

  @Test
  void failStopsAtTheFirstBadRowNamingSourceLineColumnAndRule() {
    CleaningRun run = pipeline().get().apply(events());
    BadRecordException e = assertThrows(BadRecordException.class, () -> Rows.all(run));
    assertEquals("test.csv", e.source());
    assertEquals(3, e.line());
    assertEquals("age", e.column());
    assertTrue(e.reason().startsWith("convert-types: not an integer"), e.reason());
    assertFalse(e.getMessage().contains("old"), "row values stay out of messages");
    assertFalse(run.report().complete());
  }

  @Test
  void skipDropsBadRowsAndCountsThem() {
    CleaningRun run = pipeline().setPolicy(BadRecordPolicy.SKIP).get().apply(events());
    List<Record> out = Rows.all(run);
    assertEquals(2, out.size());
    assertEquals(List.of("u1", 30, "Paris"), List.of(out.get(0).values()));
    assertEquals(List.of("u3", "New York"), List.of(out.get(1).get(0), out.get(1).get(2)));
    assertSame(TYPED, out.get(0).schema());
    CleaningReport r = run.report();
    assertTrue(r.complete());
    assertEquals(4, r.read());
    assertEquals(2, r.accepted());
    assertEquals(0, r.quarantined());
    assertEquals(2, r.skipped());
    assertEquals(new CleaningReport.RuleCounts("normalize-text", 1, 0, 0), r.rules().get(0));
    assertEquals(new CleaningReport.RuleCounts("drop-duplicates", 0, 0, 1), r.rules().get(1));
    assertEquals(new CleaningReport.RuleCounts("convert-types", 2, 1, 0), r.rules().get(2));
    assertEquals(new CleaningReport.RuleCounts("map-synonyms", 1, 0, 0), r.rules().get(3));
  }

  @Test
  void quarantineKeepsTheRowAsReadWithWhereAndWhy() {
    Quarantine.InMemory q = Quarantine.inMemory();
    CleaningRun run =
        pipeline().setPolicy(BadRecordPolicy.QUARANTINE).setQuarantine(q).get().apply(events());
    assertEquals(2, Rows.all(run).size());
    assertEquals(1, q.size());
    QuarantinedRecord bad = q.records().get(0);
    assertEquals("test.csv", bad.source());
    assertEquals(3, bad.line());
    assertEquals("age", bad.column());
    assertEquals("convert-types", bad.rule());
    assertTrue(bad.reason().startsWith("not an integer"), bad.reason());
    assertEquals(List.of("u2", "old", "Lyon"), bad.fields());
    CleaningReport r = run.report();
    assertEquals(1, r.quarantined());
    assertEquals(1, r.skipped(), "the duplicate is skipped, not quarantined");
    assertEquals(r.read(), r.accepted() + r.quarantined() + r.skipped());
  }

  @Test
  void fitSeesTheRecordsAsTheyReachTheImputer() {
    Cleaning unfitted =
        pipeline()
            .add(Impute.builder().mean("age").mode("city").get())
            .setPolicy(BadRecordPolicy.SKIP)
            .get();
    assertFalse(unfitted.isFitted());
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> unfitted.apply(events()));
    assertTrue(e.getMessage().contains("[impute]"), e.getMessage());
    Cleaning fitted = unfitted.fit(events());
    assertTrue(fitted.isFitted());
    // After trimming, de-duplication and conversion only u1 (30) has an age; the bad row and the
    // duplicate are left out of the statistics.
    Impute impute = (Impute) fitted.cleaners().get(4);
    assertEquals(30, impute.values().get("age"));
    assertEquals("Paris", impute.values().get("city"));
    List<Record> out = Rows.all(fitted.apply(events()));
    assertEquals(30, out.get(1).get("age"), "u3's missing age is imputed");
    assertSame(fitted, fitted.fit(events()), "nothing left to fit");
  }

  @Test
  void configurationErrorsShowWhenApplied() {
    Cleaning c = Cleaning.builder().add(DropColumns.of("nope")).get();
    assertThrows(IllegalArgumentException.class, () -> c.apply(events()));
    Cleaning bind = Cleaning.builder().add(Validate.builder().range("age", 0, 1).get()).get();
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> bind.apply(events()));
    assertTrue(e.getMessage().contains("ConvertTypes"), e.getMessage());
  }

  @Test
  void outputSchemaFollowsTheCleaners() {
    Cleaning c = pipeline().add(DropColumns.of("city")).get();
    assertEquals(List.of("user", "age"), c.outputSchema(TEXT).names());
    assertEquals(c.outputSchema(TEXT), c.apply(events()).schema());
  }

  @Test
  void repeatedNamesAreNumberedAndLambdasNamed() {
    Cleaning c =
        Cleaning.builder()
            .add(Validate.builder().require("user").get())
            .add(Validate.builder().require("city").get())
            .add("no-u3", r -> "u3".equals(r.get(0)) ? null : r)
            .add(r -> r)
            .get();
    assertEquals(List.of("validate", "validate#2", "no-u3", "custom"), c.names());
  }

  @Test
  void toStringGivesThePolicyAndEveryCleanersConfiguration() {
    String s = pipeline().setPolicy(BadRecordPolicy.SKIP).get().toString();
    assertTrue(s.startsWith("Cleaning[policy=SKIP"), s);
    assertTrue(s.contains("convert-types=ConvertTypes["), s);
    assertTrue(s.contains("map-synonyms=MapSynonyms["), s);
  }

  @Test
  void builderOptionsAreSetOnceAndMustFitTogether() {
    Cleaning.Builder b = Cleaning.builder().setPolicy(BadRecordPolicy.SKIP);
    assertThrows(IllegalStateException.class, () -> b.setPolicy(BadRecordPolicy.FAIL));
    Cleaning.Builder p = Cleaning.builder().setProgress((t, d, n) -> {});
    assertThrows(IllegalStateException.class, () -> p.setProgress((t, d, n) -> {}));
    Cleaning.Builder q = Cleaning.builder().setQuarantine(Quarantine.inMemory());
    assertThrows(IllegalStateException.class, () -> q.setQuarantine(Quarantine.inMemory()));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, q::get);
    assertTrue(e.getMessage().contains("QUARANTINE"), e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> Cleaning.builder().setPolicy(BadRecordPolicy.QUARANTINE).get());
    assertEquals(BadRecordPolicy.FAIL, Cleaning.builder().get().policy());
  }

  @Test
  void anEmptyCleaningPassesRowsThroughAndCountsThem() {
    CleaningRun run = Cleaning.builder().get().apply(events());
    assertEquals(4, Rows.all(run).size());
    assertEquals(4, run.report().accepted());
  }
}
