package org.aidmp.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class QuarantineTest {
  private static final Schema SCHEMA =
      Schema.builder().add("user", ColumnType.STRING).add("n", ColumnType.INT).build();

  @Test
  void keepsOriginRuleReasonAndFieldsAsText() {
    Record r = Record.of(SCHEMA, new Origin("users.csv", 12), "alice", null);
    QuarantinedRecord q = QuarantinedRecord.of(r, "n", "required", "n is missing");
    assertEquals("users.csv", q.source());
    assertEquals(12, q.line());
    assertEquals("n", q.column());
    assertEquals("required", q.rule());
    assertEquals(List.of("alice", ""), q.fields());
    assertFalse(q.toString().contains("alice"), "toString must not show row values");
    assertTrue(q.toString().contains("users.csv:12"), q.toString());
  }

  @Test
  void nullFieldsBecomeEmptyAndTheListIsCopied() {
    List<String> fields = new ArrayList<>(Arrays.asList("a", null));
    QuarantinedRecord q = new QuarantinedRecord("s", 1, null, "rule", "why", fields);
    fields.set(0, "changed");
    assertEquals(List.of("a", ""), q.fields());
    assertEquals(List.of(), new QuarantinedRecord("s", 0, null, "r", "w", null).fields());
  }

  @Test
  void inMemoryQuarantineIsThreadSafeAndKeepsOrderPerThread() throws InterruptedException {
    Quarantine.InMemory q = Quarantine.inMemory();
    int threads = 4;
    int each = 5_000;
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> ts = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int id = t;
      Thread th =
          new Thread(
              () -> {
                try {
                  start.await();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
                for (int i = 0; i < each; i++) {
                  q.accept(new QuarantinedRecord("t" + id, i + 1, null, "r", "w", List.of()));
                }
              });
      th.start();
      ts.add(th);
    }
    start.countDown();
    for (Thread th : ts) {
      th.join();
    }
    assertEquals(threads * each, q.size());
    long lastOfThread0 = 0;
    for (QuarantinedRecord r : q.records()) {
      if (r.source().equals("t0")) {
        assertTrue(r.line() > lastOfThread0);
        lastOfThread0 = r.line();
      }
    }
    assertEquals(each, lastOfThread0);
  }

  @Test
  void badRecordExceptionNamesWhereAndWhy() {
    BadRecordException e = new BadRecordException("events.csv", 42, "ts", "not a timestamp");
    assertEquals("events.csv, line 42, column ts: not a timestamp", e.getMessage());
    assertEquals(42, e.line());
    assertEquals("ts", e.column());
    assertEquals("not a timestamp", e.reason());
    assertEquals(
        "s: whole row bad", new BadRecordException("s", 0, null, "whole row bad").getMessage());
  }

  @Test
  void sourceOfListReadsAgainOnEveryIteration() {
    Source s =
        Source.of(SCHEMA, "mem", List.of(Record.of(SCHEMA, "a", 1), Record.of(SCHEMA, "b", 2)));
    int n = 0;
    for (Record r : s) {
      n++;
    }
    for (Record r : s) {
      n++;
    }
    assertEquals(4, n);
    assertEquals("mem", s.description());
    assertThrows(NullPointerException.class, () -> Source.of(null, "x", List.of()));
  }

  @Test
  void columnTypesAcceptTheirJavaTypesAndMissing() {
    assertTrue(ColumnType.INT.accepts(1));
    assertTrue(ColumnType.INT.accepts(null));
    assertFalse(ColumnType.INT.accepts(1L));
    assertTrue(ColumnType.CATEGORY.accepts("x"));
    assertEquals(Double.class, ColumnType.DOUBLE.javaType());
  }
}
