package org.aidmp.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.aidmp.data.BadRecordException;
import org.aidmp.data.ColumnType;
import org.aidmp.data.Record;
import org.aidmp.data.Schema;
import org.aidmp.privacy.PseudonymKey;
import org.aidmp.privacy.Pseudonymizer;
import org.junit.jupiter.api.Test;

class CleanersTest {
  private static final Schema TEXT = Rows.strings("id", "name", "city");
  private static final Schema NUMBERS =
      Schema.builder()
          .add("id", ColumnType.STRING)
          .add("qty", ColumnType.LONG)
          .add("price", ColumnType.DOUBLE)
          .build();

  private static Record clean(Cleaner c, Schema s, Object... values) {
    return c.bind(s).clean(Rows.row(s, 3, values));
  }

  private static void rejects(Cleaner c, Schema s, String column, Object... values) {
    BadRecordException e = assertThrows(BadRecordException.class, () -> clean(c, s, values));
    assertEquals(column, e.column());
  }

  @Test
  void columnRules() {
    Record dropped = clean(Cleaners.dropColumns("name"), TEXT, "u1", "Ann", "Paris");
    assertEquals(List.of("id", "city"), dropped.schema().names());

    Cleaner dedup = Cleaners.dropDuplicates("id").bind(TEXT);
    assertEquals("Ann", dedup.clean(Rows.row(TEXT, 2, "u1", "Ann", "Paris")).get("name"));
    assertNull(dedup.clean(Rows.row(TEXT, 3, "u1", "Bob", "Rome")), "the second u1 is skipped");
    Cleaner wholeRow = Cleaners.dropDuplicates().bind(TEXT);
    wholeRow.clean(Rows.row(TEXT, 2, "u1", "Ann", "Paris"));
    assertEquals("Bob", wholeRow.clean(Rows.row(TEXT, 3, "u1", "Bob", "Rome")).get("name"));

    Expr amount = Expr.col("qty").times(Expr.col("price"));
    Record derived =
        clean(Cleaners.derive("amount", ColumnType.DOUBLE, amount), NUMBERS, "u", 3L, 2.5);
    assertEquals(7.5, derived.get("amount"));
    assertEquals(
        ColumnType.DOUBLE, derived.schema().column(derived.schema().indexOf("amount")).type());
    Record natural =
        clean(
            Cleaners.derive("twice", Expr.col("qty").plus(Expr.col("qty"))), NUMBERS, "u", 4L, 1.0);
    assertEquals(8L, natural.get("twice"));
    Record replaced =
        clean(Cleaners.replace("qty", ColumnType.DOUBLE, amount), NUMBERS, "u", 2L, 1.5);
    assertEquals(List.of("id", "qty", "price"), replaced.schema().names());
    assertEquals(3.0, replaced.get("qty"));
  }

  @Test
  void textRules() {
    assertEquals(" Ann ".strip(), clean(Cleaners.trim(), TEXT, "u", " Ann ", "x").get("name"));
    assertEquals(
        " Ann ", clean(Cleaners.trim("city"), TEXT, "u", " Ann ", "x").get("name"), "city only");
    assertEquals(
        "New York",
        clean(Cleaners.collapseWhitespace(), TEXT, "u", "a", " New   York ").get("city"));
    assertEquals(" ann ", clean(Cleaners.lowerCase("name"), TEXT, "u", " ANN ", "x").get("name"));
    assertEquals("PARIS", clean(Cleaners.upperCase("city"), TEXT, "u", "a", "Paris").get("city"));
    assertEquals(
        "Ann",
        clean(Cleaners.regexReplace("name", "[0-9]", ""), TEXT, "u", "A1n2n", "x").get("name"));
    assertEquals(
        "n-A",
        clean(
                Cleaners.regexReplace("name", Pattern.compile("(A)(n)"), "$2-$1"),
                TEXT,
                "u",
                "An",
                "x")
            .get("name"));
    assertThrows(IllegalArgumentException.class, () -> Cleaners.regexReplace("name", "([", ""));
  }

  @Test
  void synonymsMapToTheirCanonicalValue() {
    Cleaner countries =
        Cleaners.mapSynonyms(
            Map.of("United States", List.of("US", "USA"), "Germany", List.of("DE")), "city");
    assertEquals("Germany", clean(countries, TEXT, "u", "DE", "DE").get("city"));
    assertEquals("DE", clean(countries, TEXT, "u", "DE", "DE").get("name"), "other columns kept");
    assertEquals("us", clean(countries, TEXT, "u", "a", "us").get("city"), "case matters");
    assertEquals("Fr", clean(countries, TEXT, "u", "a", "Fr").get("city"), "unknown values kept");
    Cleaner ignoringCase =
        Cleaners.mapSynonymsIgnoringCase(Map.of("United States", List.of("US")), "city");
    assertEquals("United States", clean(ignoringCase, TEXT, "u", "a", "us").get("city"));
    assertThrows(IllegalArgumentException.class, () -> Cleaners.mapSynonyms(Map.of(), "city"));
    assertThrows(
        IllegalArgumentException.class,
        () -> Cleaners.mapSynonyms(Map.of("A", List.of("x"), "B", List.of("x")), "city"));
  }

  @Test
  void validationRejectsNamingTheColumn() {
    rejects(Cleaners.require("name", "city"), TEXT, "city", "u", "Ann", " ");
    Record ok = Rows.row(TEXT, 1, "u", "Ann", "Paris");
    assertSame(ok, Cleaners.require("name").bind(TEXT).clean(ok));
    rejects(Cleaners.range("price", 0, 10), NUMBERS, "price", "u", 1L, 11.0);
    rejects(Cleaners.matches("name", "[A-Z][a-z]+"), TEXT, "name", "u", "ann", "x");
    rejects(Cleaners.matches("name", Pattern.compile("A.*")), TEXT, "name", "u", "Bob", "x");
    rejects(Cleaners.oneOf("city", List.of("Paris")), TEXT, "city", "u", "a", "Rome");
    assertEquals(
        "Paris",
        clean(Cleaners.oneOf("city", List.of("Paris")), TEXT, "u", "a", "Paris").get("city"));
    assertThrows(IllegalArgumentException.class, Cleaners::require);
    assertThrows(IllegalArgumentException.class, () -> Cleaners.range("price", 2, 1));
  }

  @Test
  void personalDataIsHashedRedactedOrPartlyMasked() {
    Pseudonymizer p =
        Pseudonymizer.of(
            PseudonymKey.of(
                "k1", "a secret of at least thirty-two bytes".getBytes(StandardCharsets.UTF_8)));
    Object hashed = clean(Cleaners.hash(p, "id"), TEXT, "u1", "Ann", "x").get("id");
    assertEquals(p.pseudonym("u1"), hashed);
    assertNotEquals("u1", hashed);
    assertEquals("[redacted]", clean(Cleaners.redact("name"), TEXT, "u", "Ann", "x").get("name"));
    assertEquals("-", clean(Cleaners.redactWith("-", "name"), TEXT, "u", "Ann", "x").get("name"));
    Object last = clean(Cleaners.keepLast("name", 2), TEXT, "u", "0612345678", "x").get("name");
    assertTrue(
        last.toString().endsWith("78") && !last.toString().contains("0612"), last.toString());
    assertThrows(IllegalArgumentException.class, () -> Cleaners.keepLast("name", 0));
  }
}
