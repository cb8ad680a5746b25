package org.aidmp.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.aidmp.data.BadRecordException;
import org.aidmp.data.ColumnType;
import org.aidmp.data.Record;
import org.aidmp.data.Schema;
import org.junit.jupiter.api.Test;

class ConvertTypesTest {
  private static final Schema TEXT = Rows.strings("id", "n", "big", "x", "ok", "ts", "city");
  private static final Schema TYPED =
      Schema.builder()
          .add("id", ColumnType.STRING)
          .add("n", ColumnType.INT)
          .add("big", ColumnType.LONG)
          .add("x", ColumnType.DOUBLE)
          .add("ok", ColumnType.BOOLEAN)
          .add("ts", ColumnType.TIMESTAMP)
          .add("city", ColumnType.CATEGORY)
          .build();

  private static final ConvertTypes CONVERT = ConvertTypes.to(TYPED);

  private static Record text(String... v) {
    return Rows.row(TEXT, 2, (Object[]) v);
  }

  @Test
  void convertsEveryTypeFromText() {
    Record out =
        CONVERT.clean(
            text("u1", " 42 ", "-9000000000", "1.5e3", "Yes", "2026-01-02T03:04:05Z", "Paris"));
    assertSame(TYPED, out.schema());
    assertEquals("u1", out.get("id"));
    assertEquals(42, out.get("n"));
    assertEquals(-9_000_000_000L, out.get("big"));
    assertEquals(1500.0, out.get("x"));
    assertEquals(true, out.get("ok"));
    assertEquals(Instant.parse("2026-01-02T03:04:05Z"), out.get("ts"));
    assertEquals("Paris", out.get("city"));
    assertEquals(2, out.origin().line());
  }

  @Test
  void blankValuesBecomeMissing() {
    Record out = CONVERT.clean(text("u1", "", "  ", null, "", "", ""));
    assertNull(out.get("n"));
    assertNull(out.get("big"));
    assertNull(out.get("x"));
    assertNull(out.get("ok"));
    assertNull(out.get("ts"));
    assertEquals("", out.get("city"), "text columns keep their text");
  }

  @Test
  void booleansInEveryAcceptedSpelling() {
    String[] yes = {"true", "TRUE", "True", "yes", "YES", "y", "Y", "1"};
    String[] no = {"false", "FALSE", "no", "No", "n", "N", "0"};
    for (String s : yes) {
      assertEquals(true, CONVERT.clean(text("a", "", "", "", s, "", "")).get("ok"), s);
    }
    for (String s : no) {
      assertEquals(false, CONVERT.clean(text("a", "", "", "", s, "", "")).get("ok"), s);
    }
    for (String s : new String[] {"2", "yess", "t", "nope", "on"}) {
      BadRecordException e =
          assertThrows(
              BadRecordException.class, () -> CONVERT.clean(text("a", "", "", "", s, "", "")), s);
      assertEquals("ok", e.column());
    }
  }

  @Test
  void rejectionsNameTheColumnAndNeverTheValue() {
    BadRecordException e =
        assertThrows(
            BadRecordException.class,
            () -> CONVERT.clean(text("a", "secret42x", "", "", "", "", "")));
    assertEquals("n", e.column());
    assertFalse(e.getMessage().contains("secret"), e.getMessage());
    assertTrue(e.reason().contains("integer"), e.reason());
  }

  @Test
  void integersOutsideTheirRangeAreRejected() {
    assertThrows(
        BadRecordException.class, () -> CONVERT.clean(text("a", "2147483648", "", "", "", "", "")));
    assertEquals(
        Integer.MIN_VALUE, CONVERT.clean(text("a", "-2147483648", "", "", "", "", "")).get("n"));
    assertThrows(
        BadRecordException.class,
        () -> CONVERT.clean(text("a", "", "9223372036854775808", "", "", "", "")));
    assertThrows(
        BadRecordException.class, () -> CONVERT.clean(text("a", "1.0", "", "", "", "", "")));
  }

  @Test
  void doublesAcceptOnlyFiniteDecimalNotation() {
    for (String ok : new String[] {"1", "-1.", ".5", "+2.5E-3", "1e3", "0.0"}) {
      assertEquals(
          Double.parseDouble(ok), CONVERT.clean(text("a", "", "", ok, "", "", "")).get("x"), ok);
    }
    for (String bad :
        new String[] {
          "NaN", "Infinity", "-Infinity", "0x1p3", "1.5d", "1e", ".", "e3", "1,5", "1e400", "--1"
        }) {
      assertThrows(
          BadRecordException.class, () -> CONVERT.clean(text("a", "", "", bad, "", "", "")), bad);
    }
  }

  @Test
  void timestampsInEveryAcceptedForm() {
    ConvertTypes paris =
        ConvertTypes.builder()
            .setTarget(TYPED)
            .setZone(ZoneId.of("Europe/Paris"))
            .addTimestampPattern("dd/MM/yyyy HH:mm")
            .get();
    String[][] cases = {
      {"2026-07-01T12:00:00Z", "2026-07-01T12:00:00Z"},
      {"2026-07-01T12:00:00+02:00", "2026-07-01T10:00:00Z"},
      {"2026-07-01T12:00:00.250-0130", "2026-07-01T13:30:00.250Z"},
      {"2026-07-01T12:00", "2026-07-01T10:00:00Z"},
      {"2026-07-01 12:00:30", "2026-07-01T10:00:30Z"},
      {"2026-01-15", "2026-01-14T23:00:00Z"},
      {"1700000000", "2023-11-14T22:13:20Z"},
      {"01/07/2026 12:00", "2026-07-01T10:00:00Z"},
    };
    for (String[] c : cases) {
      Record out = paris.clean(text("a", "", "", "", "", c[0], ""));
      assertEquals(Instant.parse(c[1]), out.get("ts"), c[0]);
    }
    ConvertTypes millis =
        CONVERT.toBuilder().setEpochUnit(ConvertTypes.EpochUnit.MILLISECONDS).get();
    assertEquals(
        Instant.ofEpochMilli(1_700_000_000_123L),
        millis.clean(text("a", "", "", "", "", "1700000000123", "")).get("ts"));
    for (String bad :
        new String[] {"2026-13-01", "2026-02-30", "yesterday", "2026-01-01T25:00", "12/31/2026"}) {
      BadRecordException e =
          assertThrows(
              BadRecordException.class,
              () -> CONVERT.clean(text("a", "", "", "", "", bad, "")),
              bad);
      assertEquals("ts", e.column());
    }
  }

  @Test
  void alreadyTypedRecordsPassUnchanged() {
    Record typed = Record.of(TYPED, "u", 1, 2L, 3.0, true, Instant.EPOCH, "c");
    assertSame(typed, CONVERT.bind(TYPED).clean(typed));
  }

  @Test
  void numbersWidenAndNarrowWhenTheyFit() {
    Schema in = Schema.builder().add("a", ColumnType.LONG).add("b", ColumnType.DOUBLE).build();
    Schema out = Schema.builder().add("a", ColumnType.INT).add("b", ColumnType.LONG).build();
    ConvertTypes c = ConvertTypes.to(out);
    Record r = c.clean(Record.of(in, 7L, 8.0));
    assertEquals(7, r.get("a"));
    assertEquals(8L, r.get("b"));
    assertThrows(BadRecordException.class, () -> c.clean(Record.of(in, 1L << 40, 1.0)));
    assertThrows(BadRecordException.class, () -> c.clean(Record.of(in, 1L, 1.5)));
  }

  @Test
  void outputFollowsTheTargetsColumnOrder() {
    Schema in = Rows.strings("b", "a");
    Schema out = Schema.builder().add("a", ColumnType.INT).add("b", ColumnType.STRING).build();
    Record r = ConvertTypes.to(out).clean(Rows.row(in, 2, "x", "5"));
    assertEquals(List.of(5, "x"), List.of(r.values()));
  }

  @Test
  void columnMismatchesAreConfigurationErrors() {
    Schema extra = Rows.strings("id", "n", "big", "x", "ok", "ts", "city", "more");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> CONVERT.bind(extra));
    assertTrue(e.getMessage().contains("'more'"), e.getMessage());
    Schema fewer = Rows.strings("id");
    e = assertThrows(IllegalArgumentException.class, () -> CONVERT.outputSchema(fewer));
    assertTrue(e.getMessage().contains("'n'"), e.getMessage());
    Schema ts = Schema.builder().add("t", ColumnType.TIMESTAMP).build();
    Schema num = Schema.builder().add("t", ColumnType.INT).build();
    assertThrows(IllegalArgumentException.class, () -> ConvertTypes.to(num).bind(ts));
    assertThrows(IllegalArgumentException.class, () -> ConvertTypes.builder().get());
    assertThrows(
        IllegalArgumentException.class,
        () -> ConvertTypes.builder().addTimestampPattern("yyyy-MM-dd bbb"));
  }

  @Test
  void textTargetsFormatNonTextValues() {
    Schema in = Schema.builder().add("a", ColumnType.INT).build();
    Record r = ConvertTypes.to(Rows.strings("a")).clean(Record.of(in, 12));
    assertEquals("12", r.get(0));
  }
}
