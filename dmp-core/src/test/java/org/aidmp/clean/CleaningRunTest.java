package org.aidmp.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.aidmp.data.BadRecordException;
import org.aidmp.data.BadRecordPolicy;
import org.aidmp.data.CloseableIterator;
import org.aidmp.data.ColumnType;
import org.aidmp.data.Quarantine;
import org.aidmp.data.QuarantinedRecord;
import org.aidmp.data.Record;
import org.aidmp.data.Schema;
import org.aidmp.data.Source;
import org.junit.jupiter.api.Test;

class CleaningRunTest {
  private static final Schema TEXT = Rows.strings("id", "n", "city");
  private static final Schema TYPED =
      Schema.builder()
          .add("id", ColumnType.STRING)
          .add("n", ColumnType.INT)
          .add("city", ColumnType.STRING)
          .build();

  /** A source of {@code n} generated rows that counts how many were pulled and closed. */
  private static final class CountingSource implements Source {
    final int n;
    final AtomicInteger pulled = new AtomicInteger();
    final AtomicInteger closed = new AtomicInteger();

    CountingSource(int n) {
      this.n = n;
    }

    @Override
    public Schema schema() {
      return TEXT;
    }

    @Override
    public String description() {
      return "generated";
    }

    @Override
    public CloseableIterator<Record> iterator() {
      return new CloseableIterator<>() {
        int i;

        @Override
        public boolean hasNext() {
          return i < n;
        }

        @Override
        public Record next() {
          if (i >= n) {
            throw new NoSuchElementException();
          }
          pulled.incrementAndGet();
          i++;
          return Rows.row(TEXT, i + 1, "u" + (i % 3), Integer.toString(i), "c");
        }

        @Override
        public void close() {
          closed.incrementAndGet();
        }
      };
    }
  }

  @Test
  void streamsOneRowAtATime() {
    CountingSource src = new CountingSource(1000);
    CleaningRun run = Cleaning.builder().add(ConvertTypes.to(TYPED)).get().apply(src);
    try (CloseableIterator<Record> it = run.iterator()) {
      assertEquals(1, it.next().get("n"));
      assertEquals(1, src.pulled.get(), "nothing is read ahead of the caller");
      CleaningReport mid = run.report();
      assertFalse(mid.complete());
      assertEquals(1, mid.read());
    }
    assertEquals(1, src.closed.get(), "closing the run closes the source");
    assertFalse(run.report().complete());
  }

  @Test
  void eachPassStartsAfreshAndTheReportFollowsTheLatest() {
    CountingSource src = new CountingSource(9);
    CleaningRun run =
        Cleaning.builder().add(DropDuplicates.builder().setKeys("id").get()).get().apply(src);
    assertEquals(0, run.report().read(), "zeros before the first pass");
    assertEquals("drop-duplicates", run.report().rules().get(0).rule());
    assertEquals(3, Rows.all(run).size());
    assertEquals(3, Rows.all(run).size(), "the second pass has its own seen keys");
    CleaningReport r = run.report();
    assertTrue(r.complete());
    assertEquals(9, r.read());
    assertEquals(6, r.rule("drop-duplicates").skipped());
    assertEquals(2, src.closed.get());
  }

  @Test
  void progressIsReportedEvery64kRowsAndAtTheEnd() {
    List<long[]> calls = new ArrayList<>();
    List<String> tasks = new ArrayList<>();
    int n = 2 * Cleaning.PROGRESS_INTERVAL + 5;
    CleaningRun run =
        Cleaning.builder()
            .setProgress(
                (task, done, total) -> {
                  tasks.add(task);
                  calls.add(new long[] {done, total});
                })
            .get()
            .apply(new CountingSource(n));
    long count = 0;
    for (Record r : run) {
      count++;
    }
    assertEquals(n, count);
    assertEquals(3, calls.size());
    assertEquals(
        List.of((long) Cleaning.PROGRESS_INTERVAL, -1L), List.of(calls.get(0)[0], calls.get(0)[1]));
    assertEquals(2L * Cleaning.PROGRESS_INTERVAL, calls.get(1)[0]);
    assertEquals(List.of((long) n, (long) n), List.of(calls.get(2)[0], calls.get(2)[1]));
    assertEquals("clean generated", tasks.get(0));
  }

  @Test
  void readStageCountsKeepTheTotalsBalanced() {
    long[] sourceRejects = {0, 0};
    CleaningRun run =
        Cleaning.builder()
            .get()
            .apply(
                new CountingSource(5),
                () -> new StageCounts("read csv", sourceRejects[0], sourceRejects[1]));
    Rows.all(run);
    sourceRejects[0] = 2;
    sourceRejects[1] = 1;
    CleaningReport r = run.report();
    assertEquals(8, r.read());
    assertEquals(5, r.accepted());
    assertEquals(2, r.quarantined());
    assertEquals(1, r.skipped());
    assertEquals("read csv", r.rules().get(0).rule());
  }

  /** A source that rejected some rows itself, as a lenient CSV reader would. */
  private static final class RejectingSource implements Source {
    private final CountingSource rows = new CountingSource(4);

    @Override
    public Schema schema() {
      return rows.schema();
    }

    @Override
    public String description() {
      return rows.description();
    }

    @Override
    public CloseableIterator<Record> iterator() {
      return rows.iterator();
    }

    @Override
    public long quarantinedRows() {
      return 3;
    }

    @Override
    public long skippedRows() {
      return 2;
    }
  }

  @Test
  void aSourceThatCountsItsOwnRejectionsIsAReadStageByItself() {
    CleaningRun run = Cleaning.builder().get().apply(new RejectingSource());
    Rows.all(run);
    CleaningReport r = run.report();
    assertEquals(9, r.read());
    assertEquals(4, r.accepted());
    assertEquals(3, r.quarantined());
    assertEquals(2, r.skipped());
    assertEquals(new CleaningReport.RuleCounts("read", 0, 5, 0), r.rules().get(0));
  }

  @Test
  void nextPastTheEndThrows() {
    CloseableIterator<Record> it = Cleaning.builder().get().apply(new CountingSource(0)).iterator();
    assertFalse(it.hasNext());
    assertThrows(NoSuchElementException.class, it::next);
  }

  // ---- property test: random rows, cleaners and policies against a plain reference ----

  private static final String[] IDS = {"a", " a", "b", "B ", "c", "", "  "};
  private static final String[] NUMS = {"1", " 2", "-3", "x", "", "99999999999", "4.5", "7"};
  private static final String[] CITIES = {"NY", "ny", "Paris", " Paris", "", "Lyon"};

  private static List<Cleaner> randomCleaners(SplittableRandom rnd) {
    List<Cleaner> out = new ArrayList<>();
    if (rnd.nextBoolean()) {
      out.add(
          NormalizeText.builder()
              .setCase(
                  rnd.nextBoolean() ? NormalizeText.TextCase.KEEP : NormalizeText.TextCase.LOWER)
              .get());
    }
    if (rnd.nextBoolean()) {
      out.add(DropDuplicates.builder().setKeys(rnd.nextBoolean() ? "id" : "city").get());
    }
    if (rnd.nextBoolean()) {
      out.add(
          MapSynonyms.builder()
              .setColumns("city")
              .map("New York", "NY")
              .setUnmapped(
                  rnd.nextBoolean() ? MapSynonyms.Unmapped.KEEP : MapSynonyms.Unmapped.REJECT)
              .get());
    }
    if (rnd.nextBoolean()) {
      out.add(ConvertTypes.to(TYPED));
      if (rnd.nextBoolean()) {
        out.add(Validate.builder().range("n", -5, 5).get());
      }
    }
    if (rnd.nextBoolean()) {
      out.add(Validate.builder().require("id").get());
    }
    if (rnd.nextInt(4) == 0) {
      out.add(r -> r.getString(0) != null && r.getString(0).startsWith("b") ? null : r);
    }
    return out;
  }

  private static String describe(List<Cleaner> cleaners) {
    List<String> names = new ArrayList<>();
    cleaners.forEach(
        c -> names.add(c.toString().startsWith("org.aidmp") ? "custom" : c.toString()));
    return names.toString();
  }

  @Test
  void totalsAlwaysBalanceAndMatchAPlainReference() {
    long seed = 20261129L;
    SplittableRandom master = new SplittableRandom(seed);
    long[] rejectedByPolicy = new long[3];
    long[] failures = {0};
    for (int trial = 0; trial < 300; trial++) {
      SplittableRandom rnd = master.split();
      int n = rnd.nextInt(60);
      Object[][] rows = new Object[n][];
      for (int i = 0; i < n; i++) {
        rows[i] =
            new Object[] {
              IDS[rnd.nextInt(IDS.length)],
              NUMS[rnd.nextInt(NUMS.length)],
              CITIES[rnd.nextInt(CITIES.length)]
            };
      }
      BadRecordPolicy policy = BadRecordPolicy.values()[rnd.nextInt(3)];
      List<Cleaner> cleaners = randomCleaners(rnd);
      StageCounts readStage = new StageCounts("read", rnd.nextInt(3), rnd.nextInt(3));
      String input =
          "trial "
              + trial
              + " (seed "
              + seed
              + "), policy "
              + policy
              + ", cleaners "
              + describe(cleaners)
              + ", read stage "
              + readStage
              + ", rows "
              + Arrays.deepToString(rows);
      CleaningReport r = check(Rows.source(TEXT, rows), policy, cleaners, readStage, input);
      for (CleaningReport.RuleCounts c : r.rules().subList(1, r.rules().size())) {
        rejectedByPolicy[policy.ordinal()] += c.rejected();
      }
      failures[0] += r.complete() ? 0 : 1;
    }
    // The generator must exercise every outcome, or the comparison above proves little.
    assertTrue(failures[0] > 10, "runs stopped under FAIL: " + failures[0]);
    assertTrue(rejectedByPolicy[BadRecordPolicy.SKIP.ordinal()] > 10, "no rejections to skip");
    assertTrue(rejectedByPolicy[BadRecordPolicy.QUARANTINE.ordinal()] > 10, "none quarantined");
  }

  private static CleaningReport check(
      Source src,
      BadRecordPolicy policy,
      List<Cleaner> cleaners,
      StageCounts readStage,
      String input) {
    Cleaning.Builder b = Cleaning.builder().setPolicy(policy);
    cleaners.forEach(b::add);
    Quarantine.InMemory q = Quarantine.inMemory();
    if (policy == BadRecordPolicy.QUARANTINE) {
      b.setQuarantine(q);
    }
    Cleaning cleaning = b.get();
    CleaningRun run = cleaning.apply(src, () -> readStage);
    List<Record> out = new ArrayList<>();
    BadRecordException failure = null;
    try {
      for (Record r : run) {
        out.add(r);
      }
    } catch (BadRecordException e) {
      failure = e;
    }
    CleaningReport report = run.report();

    // The reference: the same cleaners, freshly bound, applied in a plain loop.
    Schema s = src.schema();
    Cleaner[] bound = new Cleaner[cleaners.size()];
    for (int i = 0; i < bound.length; i++) {
      bound[i] = cleaners.get(i).bind(s);
      s = cleaners.get(i).outputSchema(s);
    }
    long[] changed = new long[bound.length];
    long[] rejected = new long[bound.length];
    long[] skippedBy = new long[bound.length];
    long quarantined = 0;
    long skipped = 0;
    List<Record> expected = new ArrayList<>();
    List<String> expectedQuarantine = new ArrayList<>();
    Long failLine = null;
    // Rows the reference consumed, counted here rather than taken from the report's own sum.
    long readRef = 0;
    rows:
    for (Record original : src) {
      readRef++;
      Record r = original;
      for (int i = 0; i < bound.length; i++) {
        Record next;
        try {
          next = bound[i].clean(r);
        } catch (BadRecordException e) {
          if (policy == BadRecordPolicy.FAIL) {
            failLine = original.origin().line();
            readRef--; // the row that stops the pass is not counted as read
            break rows;
          }
          rejected[i]++;
          if (policy == BadRecordPolicy.SKIP) {
            skipped++;
          } else {
            quarantined++;
            expectedQuarantine.add(
                original.origin().line() + " " + e.column() + " " + cleaning.names().get(i));
          }
          continue rows;
        }
        if (next == null) {
          skippedBy[i]++;
          skipped++;
          continue rows;
        }
        if (next != r) {
          changed[i]++;
        }
        r = next;
      }
      expected.add(r);
    }

    assertEquals(
        readRef + readStage.quarantined() + readStage.skipped(), report.read(), input + " read");
    assertEquals(expected, out, input);
    assertEquals(expected.size(), report.accepted(), input);
    assertEquals(quarantined + readStage.quarantined(), report.quarantined(), input);
    assertEquals(skipped + readStage.skipped(), report.skipped(), input);
    assertEquals(failLine == null, report.complete(), input);
    if (failLine != null) {
      assertEquals(failLine.longValue(), failure.line(), input);
    } else {
      assertEquals(null, failure, input);
      assertEquals(
          countRows(src), report.read() - readStage.quarantined() - readStage.skipped(), input);
    }
    for (int i = 0; i < bound.length; i++) {
      CleaningReport.RuleCounts c = report.rules().get(i + 1);
      assertEquals(cleaning.names().get(i), c.rule(), input);
      assertEquals(changed[i], c.changed(), input + " rule " + c.rule());
      assertEquals(rejected[i], c.rejected(), input + " rule " + c.rule());
      assertEquals(skippedBy[i], c.skipped(), input + " rule " + c.rule());
    }
    List<String> actualQuarantine = new ArrayList<>();
    for (QuarantinedRecord qr : q.records()) {
      actualQuarantine.add(qr.line() + " " + qr.column() + " " + qr.rule());
    }
    assertEquals(expectedQuarantine, actualQuarantine, input);
    return report;
  }

  private static long countRows(Source src) {
    long n = 0;
    for (Record r : src) {
      n++;
    }
    return n;
  }
}
