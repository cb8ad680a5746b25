package org.aidmp.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.aidmp.data.BadRecordException;
import org.aidmp.data.ColumnType;
import org.aidmp.data.Record;
import org.aidmp.data.Schema;
import org.junit.jupiter.api.Test;

class ValidateTest {
  private static final Schema S =
      Schema.builder()
          .add("id", ColumnType.STRING)
          .add("age", ColumnType.INT)
          .add("score", ColumnType.DOUBLE)
          .add("email", ColumnType.STRING)
          .add("country", ColumnType.CATEGORY)
          .build();

  private static final Validate V =
      Validate.builder()
          .require("id")
          .range("age", 0, 120)
          .range("score", 0, 1)
          .matches("email", "[^@\\s]+@[^@\\s]+")
          .oneOf("country", List.of("FR", "DE"))
          .get();

  private static Record rec(Object... v) {
    return Rows.row(S, 5, v);
  }

  private static BadRecordException rejected(Object... v) {
    return assertThrows(BadRecordException.class, () -> V.clean(rec(v)));
  }

  @Test
  void validRecordsPassUnchanged() {
    Record ok = rec("u1", 30, 0.5, "a@b.c", "FR");
    assertSame(ok, V.clean(ok));
    Record bounds = rec("u1", 0, 1.0, "x@y", "DE");
    assertSame(bounds, V.clean(bounds));
  }

  @Test
  void missingValuesPassEveryCheckButRequire() {
    Record sparse = rec("u1", null, null, null, null);
    assertSame(sparse, V.clean(sparse));
    assertEquals("id", rejected(null, 1, 0.1, "a@b", "FR").column());
    assertEquals("id", rejected("  ", 1, 0.1, "a@b", "FR").column());
  }

  @Test
  void eachRuleRejectsWithItsColumn() {
    assertEquals("age", rejected("u", -1, 0.5, "a@b", "FR").column());
    assertEquals("age", rejected("u", 121, 0.5, "a@b", "FR").column());
    assertEquals("score", rejected("u", 1, Double.NaN, "a@b", "FR").column());
    assertEquals("email", rejected("u", 1, 0.5, "not an email", "FR").column());
    assertEquals("email", rejected("u", 1, 0.5, "a@b and more@c", "FR").column());
    BadRecordException e = rejected("u", 1, 0.5, "a@b", "fr");
    assertEquals("country", e.column());
    assertFalse(e.getMessage().contains("fr"), "the value stays out of the message");
  }

  @Test
  void boundValidatorChecksRowAfterRow() {
    Cleaner bound = V.bind(S);
    Record ok = rec("u1", 30, 0.5, "a@b.c", "FR");
    assertSame(ok, bound.clean(ok));
    assertThrows(BadRecordException.class, () -> bound.clean(rec("u", 1, 0.5, "bad", "FR")));
    Record ok2 = rec("u2", 31, 0.6, "x@y", "DE");
    assertSame(ok2, bound.clean(ok2));
  }

  @Test
  void firstFailingCheckWins() {
    assertEquals("age", rejected("u", 500, 5.0, "bad", "XX").column());
  }

  @Test
  void rangeNeedsANumericColumnAndPatternAText() {
    Schema text = Rows.strings("id", "age", "score", "email", "country");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> V.bind(text));
    assertTrue(e.getMessage().contains("ConvertTypes"), e.getMessage());
    Validate pattern = Validate.builder().matches("age", "\\d+").get();
    assertThrows(IllegalArgumentException.class, () -> pattern.bind(S));
    Validate wrongType = Validate.builder().oneOf("age", List.of("1")).get();
    e = assertThrows(IllegalArgumentException.class, () -> wrongType.bind(S));
    assertTrue(e.getMessage().contains("Integer"), e.getMessage());
  }

  @Test
  void allowedValuesOfOtherTypes() {
    Validate ages = Validate.builder().oneOf("age", List.of(18, 21)).get();
    Record ok = rec("u", 21, null, null, null);
    assertSame(ok, ages.clean(ok));
    assertThrows(BadRecordException.class, () -> ages.clean(rec("u", 20, null, null, null)));
  }

  @Test
  void badConfigurationFailsEarly() {
    assertThrows(IllegalArgumentException.class, () -> Validate.builder().get());
    assertThrows(IllegalArgumentException.class, () -> Validate.builder().range("a", 2, 1));
    assertThrows(
        IllegalArgumentException.class, () -> Validate.builder().range("a", Double.NaN, 1));
    assertThrows(IllegalArgumentException.class, () -> Validate.builder().matches("a", "("));
    assertThrows(IllegalArgumentException.class, () -> Validate.builder().oneOf("a", List.of()));
    assertThrows(
        IllegalArgumentException.class, () -> Validate.builder().require("nope").get().bind(S));
  }

  @Test
  void toBuilderAddsToTheChecks() {
    Validate more = V.toBuilder().setName("strict").range("age", 18, 65).get();
    assertEquals("strict", more.name());
    assertThrows(BadRecordException.class, () -> more.clean(rec("u", 17, 0.5, "a@b", "FR")));
    assertTrue(more.toString().contains("range(age"), more.toString());
  }
}
