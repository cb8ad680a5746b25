package org.aidmp.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordTest {
  private static final Schema SCHEMA =
      Schema.builder()
          .add("user", ColumnType.STRING)
          .add("ts", ColumnType.TIMESTAMP)
          .add("value", ColumnType.DOUBLE)
          .add("n", ColumnType.INT)
          .build();
  private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void readsValuesByPositionAndName() {
    Record r = Record.of(SCHEMA, new Origin("f.csv", 7), "u1", T, 2.5, 3);
    assertEquals("u1", r.get(0));
    assertEquals(T, r.getInstant(1));
    assertEquals(2.5, r.getDouble("value"));
    assertEquals(3.0, r.getDouble(3));
    assertEquals("3", r.getString("n"));
    assertEquals(new Origin("f.csv", 7), r.origin());
    assertEquals(4, r.size());
  }

  @Test
  void missingValuesAreNullOrBlank() {
    Record r = Record.of(SCHEMA, " ", null, null, null);
    assertTrue(r.isMissing(0));
    assertTrue(r.isMissing(1));
    assertNull(r.getString(2));
    assertTrue(Double.isNaN(r.getDouble(2)));
    assertNull(r.getInstant(1));
    assertFalse(Record.of(SCHEMA, "x", null, null, null).isMissing(0));
  }

  @Test
  void wrongTypesAndCountsAreRejected() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> Record.of(SCHEMA, "u", "2026-01-01", 1.0, 1));
    assertTrue(e.getMessage().contains("'ts' is TIMESTAMP"), e.getMessage());
    IllegalArgumentException count =
        assertThrows(IllegalArgumentException.class, () -> Record.of(SCHEMA, "u", T));
    assertTrue(count.getMessage().contains("2 values"), count.getMessage());
  }

  @Test
  void textIsNotANumberOrATime() {
    Schema text = Schema.ofStrings(List.of("a"));
    Record r = Record.of(text, new Origin("f.csv", 3), "12");
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> r.getDouble(0));
    assertTrue(e.getMessage().contains("f.csv:3"), e.getMessage());
    assertTrue(e.getMessage().contains("convert types first"), e.getMessage());
    assertThrows(IllegalStateException.class, () -> r.getInstant(0));
  }

  @Test
  void withMakesANewRecordAndKeepsTheOriginal() {
    Record r = Record.of(SCHEMA, "u", T, 1.0, 1);
    Record changed = r.with("value", 9.0);
    assertEquals(1.0, r.getDouble("value"));
    assertEquals(9.0, changed.getDouble("value"));
    assertSame(r.origin(), changed.origin());
    assertThrows(IllegalArgumentException.class, () -> r.with("value", "nine"));
  }

  @Test
  void valuesAreCopiedInAndOut() {
    Object[] values = {"u", T, 1.0, 1};
    Record r = Record.of(SCHEMA, values);
    values[0] = "changed";
    assertEquals("u", r.get(0));
    r.values()[0] = "changed";
    assertEquals("u", r.get(0));
  }

  @Test
  void reshapeChecksTheNewSchema() {
    Record r = Record.of(SCHEMA, new Origin("f.csv", 2), "u", T, 1.0, 1);
    Schema one = Schema.ofStrings(List.of("user"));
    Record reshaped = r.reshape(one, new Object[] {"u"});
    assertEquals(one, reshaped.schema());
    assertEquals(r.origin(), reshaped.origin());
    assertThrows(IllegalArgumentException.class, () -> r.reshape(one, new Object[] {1}));
  }

  @Test
  void equalityIgnoresOriginAndToStringHidesValues() {
    Record a = Record.of(SCHEMA, new Origin("a.csv", 1), "secret", T, 1.0, 1);
    Record b = Record.of(SCHEMA, new Origin("b.csv", 9), "secret", T, 1.0, 1);
    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
    assertFalse(a.toString().contains("secret"), a.toString());
    assertTrue(a.toString().contains("a.csv:1"), a.toString());
  }

  @Test
  void originRejectsNegativeLinesAndPrintsCompactly() {
    assertThrows(IllegalArgumentException.class, () -> new Origin("f", -1));
    assertEquals("f.csv:4", new Origin("f.csv", 4).toString());
    assertEquals("memory", Origin.IN_MEMORY.toString());
  }
}
