package org.aidmp.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneId;
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

class DeriveColumnTest {
  private static final Schema S =
      Schema.builder()
          .add("qty", ColumnType.INT)
          .add("price", ColumnType.DOUBLE)
          .add("name", ColumnType.STRING)
          .add("ts", ColumnType.TIMESTAMP)
          .add("raw", ColumnType.STRING)
          .build();

  private static Record rec(Object... v) {
    return Rows.row(S, 7, v);
  }

  private static Object derive(DeriveColumn d, Record r) {
    Record out = d.bind(r.schema()).clean(r);
    return out.get(d.column());
  }

  private static final Record R =
      rec(3, 2.5, "  Mug ", Instant.parse("2011-12-09T12:50:00Z"), "4.25");

  @Test
  void amountIsQuantityTimesPriceAppendedAsDouble() {
    DeriveColumn amount =
        DeriveColumn.builder()
            .setName("amount")
            .setType(ColumnType.DOUBLE)
            .setExpression(Expr.col("qty").times(Expr.col("price")))
            .get();
    assertEquals(S.toBuilder().add("amount", ColumnType.DOUBLE).build(), amount.outputSchema(S));
    Record out = amount.bind(S).clean(R);
    assertEquals(7.5, out.get("amount"));
    assertEquals(3, out.get("qty"));
    assertEquals(R.origin(), out.origin());
  }

  @Test
  void integerArithmeticStaysIntegerAndOverflowRejects() {
    assertEquals(5L, derive(DeriveColumn.of("x", Expr.col("qty").plus(Expr.lit(2))), R));
    assertEquals(1L, derive(DeriveColumn.of("x", Expr.col("qty").minus(Expr.lit(2))), R));
    assertEquals(1.5, derive(DeriveColumn.of("x", Expr.col("qty").dividedBy(Expr.lit(2))), R));
    BadRecordException e =
        assertThrows(
            BadRecordException.class,
            () -> derive(DeriveColumn.of("x", Expr.col("qty").times(Expr.lit(Long.MAX_VALUE))), R));
    assertEquals("x", e.column());
    assertTrue(e.reason().contains("integer overflow"), e.reason());
  }

  @Test
  void divisionByZeroAndNonFiniteResultsReject() {
    BadRecordException e =
        assertThrows(
            BadRecordException.class,
            () -> derive(DeriveColumn.of("x", Expr.col("price").dividedBy(Expr.lit(0))), R));
    assertEquals("x", e.column());
    assertTrue(e.reason().contains("division by zero"), e.reason());
    assertThrows(
        BadRecordException.class,
        () ->
            derive(
                DeriveColumn.of("x", Expr.col("price").times(Expr.lit(10.0))),
                rec(1, 1e308, null, null, null)));
  }

  @Test
  void textFunctions() {
    assertEquals("mug", derive(DeriveColumn.of("x", Expr.col("name").trim().lower()), R));
    assertEquals("  MUG ", derive(DeriveColumn.of("x", Expr.col("name").upper()), R));
    assertEquals(6L, derive(DeriveColumn.of("x", Expr.col("name").length()), R));
    assertEquals("Mu", derive(DeriveColumn.of("x", Expr.col("name").trim().substring(0, 2)), R));
    assertEquals("", derive(DeriveColumn.of("x", Expr.col("name").substring(10, 20)), R));
    assertEquals(
        "Mug/3",
        derive(
            DeriveColumn.of(
                "x", Expr.concat(Expr.col("name").trim(), Expr.lit("/"), Expr.col("qty").asText())),
            R));
  }

  @Test
  void dateParts() {
    ZoneId utc = ZoneId.of("UTC");
    Expr ts = Expr.col("ts");
    assertEquals(2011L, derive(DeriveColumn.of("x", ts.datePart(Expr.DatePart.YEAR, utc)), R));
    assertEquals(12L, derive(DeriveColumn.of("x", ts.datePart(Expr.DatePart.MONTH, utc)), R));
    assertEquals(9L, derive(DeriveColumn.of("x", ts.datePart(Expr.DatePart.DAY_OF_MONTH, utc)), R));
    assertEquals(5L, derive(DeriveColumn.of("x", ts.datePart(Expr.DatePart.DAY_OF_WEEK, utc)), R));
    assertEquals(
        343L, derive(DeriveColumn.of("x", ts.datePart(Expr.DatePart.DAY_OF_YEAR, utc)), R));
    assertEquals(12L, derive(DeriveColumn.of("x", ts.datePart(Expr.DatePart.HOUR, utc)), R));
    assertEquals(50L, derive(DeriveColumn.of("x", ts.datePart(Expr.DatePart.MINUTE, utc)), R));
    ZoneId tokyo = ZoneId.of("Asia/Tokyo");
    assertEquals(21L, derive(DeriveColumn.of("x", ts.datePart(Expr.DatePart.HOUR, tokyo)), R));
    assertEquals("2011-12-09", derive(DeriveColumn.of("x", ts.date(utc)), R));
  }

  @Test
  void conditionsFollowSqlForMissingValues() {
    Expr big = Expr.col("qty").times(Expr.col("price")).ge(Expr.lit(5));
    DeriveColumn size =
        DeriveColumn.of("size", Expr.when(big, Expr.lit("large"), Expr.lit("small")));
    assertEquals("large", derive(size, R));
    assertEquals("small", derive(size, rec(1, 2.0, null, null, null)));
    assertEquals("small", derive(size, rec(null, 2.0, null, null, null)), "missing -> otherwise");
    assertNull(derive(DeriveColumn.of("x", big), rec(null, 2.0, null, null, null)));
    Expr f = Expr.lit(false);
    Expr missing = Expr.col("qty").gt(Expr.lit(0));
    Record none = rec(null, null, null, null, null);
    assertEquals(false, derive(DeriveColumn.of("x", missing.and(f)), none));
    assertEquals(true, derive(DeriveColumn.of("x", missing.or(Expr.lit(true))), none));
    assertNull(derive(DeriveColumn.of("x", missing.or(f)), none));
    assertEquals(true, derive(DeriveColumn.of("x", Expr.col("name").isMissing()), none));
    assertEquals("?", derive(DeriveColumn.of("x", Expr.col("name").orElse(Expr.lit("?"))), none));
    assertEquals(false, derive(DeriveColumn.of("x", Expr.col("qty").eq(Expr.lit(3.0)).not()), R));
    assertEquals(
        true,
        derive(
            DeriveColumn.of(
                "x", Expr.col("ts").lt(Expr.col("ts")).or(Expr.col("name").ne(Expr.lit("x")))),
            R));
  }

  @Test
  void whenMixingIntegerAndNumberBranchesGivesNumbers() {
    DeriveColumn d =
        DeriveColumn.of(
            "x", Expr.when(Expr.col("qty").gt(Expr.lit(1)), Expr.col("qty"), Expr.col("price")));
    assertEquals(ColumnType.DOUBLE, d.outputSchema(S).column(5).type());
    assertEquals(3.0, derive(d, R));
  }

  @Test
  void typedOutputChecksRangeAndWholeness() {
    DeriveColumn asInt =
        DeriveColumn.builder()
            .setName("x")
            .setType(ColumnType.INT)
            .setExpression(Expr.col("price").times(Expr.lit(2)))
            .get();
    assertEquals(5, derive(asInt, R));
    BadRecordException e =
        assertThrows(BadRecordException.class, () -> derive(asInt, rec(1, 2.25, null, null, null)));
    assertTrue(e.reason().contains("not a whole number"), e.reason());
    DeriveColumn bigInt =
        DeriveColumn.builder()
            .setName("x")
            .setType(ColumnType.INT)
            .setExpression(Expr.col("qty").times(Expr.lit(1L << 40)))
            .get();
    assertThrows(BadRecordException.class, () -> derive(bigInt, R));
  }

  @Test
  void parseNumberRejectsTextThatIsNotANumberNamingTheInputColumn() {
    DeriveColumn d = DeriveColumn.of("x", Expr.col("raw").parseNumber().times(Expr.lit(2)));
    assertEquals(8.5, derive(d, R));
    assertNull(derive(d, rec(1, 1.0, null, null, " ")));
    BadRecordException e =
        assertThrows(BadRecordException.class, () -> derive(d, rec(1, 1.0, null, null, "4,2")));
    assertEquals("raw", e.column());
    assertTrue(!e.reason().contains("4,2"), "the value stays out of the reason");
  }

  @Test
  void configurationErrorsAreFoundAtBindTime() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> DeriveColumn.of("x", Expr.col("name").times(Expr.lit(2))).bind(S));
    assertTrue(e.getMessage().contains("not a number"), e.getMessage());
    assertTrue(e.getMessage().contains("ConvertTypes"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class, () -> DeriveColumn.of("x", Expr.col("nope")).bind(S));
    assertTrue(e.getMessage().contains("'nope'"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class, () -> DeriveColumn.of("qty", Expr.lit(1)).bind(S));
    assertTrue(e.getMessage().contains("setReplaceExisting"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                DeriveColumn.builder()
                    .setName("x")
                    .setType(ColumnType.TIMESTAMP)
                    .setExpression(Expr.lit(1))
                    .get()
                    .bind(S));
    assertTrue(e.getMessage().contains("declare LONG"), e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> DeriveColumn.of("x", Expr.col("ts").gt(Expr.lit(1))).bind(S));
    assertThrows(
        IllegalArgumentException.class,
        () -> DeriveColumn.of("x", Expr.when(Expr.lit(true), Expr.lit(1), Expr.lit("a"))).bind(S));
    assertThrows(IllegalArgumentException.class, () -> DeriveColumn.builder().setName("x").get());
    assertThrows(IllegalArgumentException.class, () -> Expr.lit(Double.NaN));
  }

  @Test
  void replacingAColumnKeepsItsPlaceAndMayRetypeIt() {
    DeriveColumn d =
        DeriveColumn.builder()
            .setName("price")
            .setReplaceExisting(true)
            .setExpression(Expr.col("price").asText())
            .get();
    assertEquals(ColumnType.STRING, d.outputSchema(S).column(1).type());
    assertEquals(5, d.outputSchema(S).size());
    assertEquals("2.5", derive(d, R));
  }

  @Test
  void badRowsAreQuarantinedByTheCleaningPolicyAndCountsBalance() {
    Schema s = Schema.builder().add("a", ColumnType.DOUBLE).add("b", ColumnType.DOUBLE).build();
    Source src =
        Source.of(
            s,
            "t.csv",
            List.of(Rows.row(s, 2, 1.0, 2.0), Rows.row(s, 3, 1.0, 0.0), Rows.row(s, 4, 3.0, 1.0)));
    Quarantine.InMemory q = Quarantine.inMemory();
    Cleaning c =
        Cleaning.builder()
            .add(DeriveColumn.of("ratio", Expr.col("a").dividedBy(Expr.col("b"))))
            .setPolicy(BadRecordPolicy.QUARANTINE)
            .setQuarantine(q)
            .get();
    List<Record> out = Rows.all(c.apply(src));
    assertEquals(2, out.size());
    assertEquals(0.5, out.get(0).get("ratio"));
    assertEquals(3.0, out.get(1).get("ratio"));
    QuarantinedRecord bad = q.records().get(0);
    assertEquals(3, bad.line());
    assertEquals("ratio", bad.column());
    assertEquals("DeriveColumn(ratio)", bad.rule());
  }
}
