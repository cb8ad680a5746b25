package org.aidmp.clean;

import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.aidmp.data.ColumnType;
import org.aidmp.privacy.Pseudonymizer;

/**
 * The built-in cleaning rules, each made by one static factory that returns a {@link Cleaner} to
 * add to a {@link Cleaning}. Two more rules are types of their own because they have more to say:
 * {@link ConvertTypes} (zones, epoch units, timestamp patterns) and {@link Impute} (fitted on the
 * data, and restorable).
 *
 * <pre>{@code
 * Cleaning cleaning = Cleaning.builder()
 *     .add("no contact data", Cleaners.dropColumns("email", "phone"))
 *     .add("one row per event", Cleaners.dropDuplicates("user_id", "ts"))
 *     .add("trim", Cleaners.trim())
 *     .add("types", ConvertTypes.to(typed))
 *     .add("plausible age", Cleaners.range("age", 13, 110))
 *     .add("amount", Cleaners.derive("amount", ColumnType.DOUBLE,
 *         Expr.col("quantity").times(Expr.col("unit_price"))))
 *     .get();
 * }</pre>
 *
 * <p>A rule is named in reports and quarantined rows by the name given to {@link
 * Cleaning.Builder#add(String, Cleaner)}, or by a default name of its kind ({@code "validate"},
 * {@code "drop-duplicates"}…). Every rule is immutable and thread-safe; configuration errors (a
 * missing column, a numeric rule on a text column) are thrown when a {@link Cleaning} binds it to
 * its input, before any record is read. Where a factory takes columns as its last argument, naming
 * none means every text ({@code STRING} and {@code CATEGORY}) column.
 */
public final class Cleaners {
  private Cleaners() {}

  // Columns.

  /**
   * Removes the columns, keeping the others in order. Every named column must exist, so that a typo
   * does not leave personal data in place.
   */
  public static Cleaner dropColumns(String... columns) {
    return DropColumns.of(columns);
  }

  /**
   * Skips records whose key was seen before in the same pass; the first one is kept. With no keys
   * the key is the whole row. Values are compared with {@code equals}, so trim or convert first if
   * {@code " a"} and {@code "a"} should count as the same. Memory grows with the distinct keys of a
   * pass.
   */
  public static Cleaner dropDuplicates(String... keys) {
    return DropDuplicates.builder().setKeys(keys).get();
  }

  /**
   * Appends a column computed by an {@link Expr}, of the declared type. The expression's kind must
   * fit the type (integers become {@code INT}, {@code LONG} or {@code DOUBLE}; whole numbers may
   * become {@code INT} or {@code LONG}; text becomes {@code STRING} or {@code CATEGORY}); a bad
   * value (division by zero, overflow) rejects the record, naming the column.
   *
   * @throws IllegalArgumentException if the column name is blank
   */
  public static Cleaner derive(String column, ColumnType type, Expr expression) {
    return DeriveColumn.builder()
        .setName(column)
        .setType(Objects.requireNonNull(type, "type"))
        .setExpression(expression)
        .get();
  }

  /**
   * As {@link #derive(String, ColumnType, Expr)}, with the expression's natural type: {@code LONG},
   * {@code DOUBLE}, {@code STRING}, {@code BOOLEAN} or {@code TIMESTAMP}.
   */
  public static Cleaner derive(String column, Expr expression) {
    return DeriveColumn.of(column, expression);
  }

  /**
   * As {@link #derive(String, ColumnType, Expr)}, but the column exists and is replaced in place
   * (and may change type); the expression may read the old value.
   */
  public static Cleaner replace(String column, ColumnType type, Expr expression) {
    return DeriveColumn.builder()
        .setName(column)
        .setType(Objects.requireNonNull(type, "type"))
        .setExpression(expression)
        .setReplaceExisting(true)
        .get();
  }

  // Text.

  /** Removes leading and trailing white space from the text columns; keeps the case. */
  public static Cleaner trim(String... columns) {
    return NormalizeText.builder().setColumns(columns).get();
  }

  /** Trims the text columns and turns every inner run of white space into one space. */
  public static Cleaner collapseWhitespace(String... columns) {
    return NormalizeText.builder()
        .setColumns(columns)
        .setWhitespace(NormalizeText.Whitespace.TRIM_AND_COLLAPSE)
        .get();
  }

  /**
   * Lower-cases the text columns in {@link java.util.Locale#ROOT}, so that the result does not
   * depend on the machine's locale; white space is left as it is.
   */
  public static Cleaner lowerCase(String... columns) {
    return NormalizeText.builder()
        .setColumns(columns)
        .setWhitespace(NormalizeText.Whitespace.KEEP)
        .setCase(NormalizeText.TextCase.LOWER)
        .get();
  }

  /** Upper-cases the text columns in {@link java.util.Locale#ROOT}; white space is left as is. */
  public static Cleaner upperCase(String... columns) {
    return NormalizeText.builder()
        .setColumns(columns)
        .setWhitespace(NormalizeText.Whitespace.KEEP)
        .setCase(NormalizeText.TextCase.UPPER)
        .get();
  }

  /**
   * Replaces every match of a regular expression in one text column. The replacement follows {@link
   * java.util.regex.Matcher#replaceAll(String)}: {@code $1} refers to a group.
   *
   * @throws IllegalArgumentException if the expression is not valid, naming it
   */
  public static Cleaner regexReplace(String column, String regex, String replacement) {
    return RegexReplace.builder()
        .setColumn(column)
        .setPattern(regex)
        .setReplacement(replacement)
        .get();
  }

  /** As {@link #regexReplace(String, String, String)}, with a compiled pattern. */
  public static Cleaner regexReplace(String column, Pattern pattern, String replacement) {
    return RegexReplace.builder()
        .setColumn(column)
        .setPattern(pattern)
        .setReplacement(replacement)
        .get();
  }

  /**
   * Replaces known synonyms by their canonical value in the text columns; case matters, and other
   * values are kept (add {@link #oneOf} after it to reject them).
   *
   * <pre>{@code
   * Cleaner countries = Cleaners.mapSynonyms(
   *     Map.of("United States", List.of("US", "USA"), "Germany", List.of("DE")), "country");
   * }</pre>
   *
   * @param synonymsByCanonical each canonical value with the values that mean it
   * @throws IllegalArgumentException if there are no synonyms, or one synonym means two values
   */
  public static Cleaner mapSynonyms(
      Map<String, ? extends Collection<String>> synonymsByCanonical, String... columns) {
    return synonyms(synonymsByCanonical, MapSynonyms.CaseSensitivity.SENSITIVE, columns);
  }

  /**
   * As {@link #mapSynonyms}, with case ignored when matching ("ny" and "NY" are one synonym,
   * compared in {@link java.util.Locale#ROOT} lower case).
   */
  public static Cleaner mapSynonymsIgnoringCase(
      Map<String, ? extends Collection<String>> synonymsByCanonical, String... columns) {
    return synonyms(synonymsByCanonical, MapSynonyms.CaseSensitivity.INSENSITIVE, columns);
  }

  private static Cleaner synonyms(
      Map<String, ? extends Collection<String>> synonymsByCanonical,
      MapSynonyms.CaseSensitivity caseSensitivity,
      String... columns) {
    Objects.requireNonNull(synonymsByCanonical, "synonymsByCanonical");
    MapSynonyms.Builder b =
        MapSynonyms.builder().setColumns(columns).setCaseSensitivity(caseSensitivity);
    synonymsByCanonical.forEach(
        (canonical, synonyms) ->
            b.map(canonical, Objects.requireNonNull(synonyms, "synonyms").toArray(new String[0])));
    return b.get();
  }

  // Validation: a failed check rejects the record, naming the column and the rule, never the
  // value; missing values pass every check but require.

  /** Rejects records where any of the columns is missing ({@code null} or blank text). */
  public static Cleaner require(String... columns) {
    Objects.requireNonNull(columns, "columns");
    if (columns.length == 0) {
      throw new IllegalArgumentException("no column named; give at least one column to require");
    }
    Validate.Builder b = Validate.builder();
    for (String c : columns) {
      b.require(c);
    }
    return b.get();
  }

  /**
   * Rejects records where the numeric column is outside {@code [min, max]} or NaN (put {@link
   * ConvertTypes} first for text read from a file).
   *
   * @throws IllegalArgumentException if min > max or either is NaN; use infinity for an open end
   */
  public static Cleaner range(String column, double min, double max) {
    return Validate.builder().range(column, min, max).get();
  }

  /**
   * Rejects records where the text column does not match the regular expression as a whole.
   *
   * @throws IllegalArgumentException if the expression is not valid, naming it
   */
  public static Cleaner matches(String column, String regex) {
    return Validate.builder().matches(column, regex).get();
  }

  /** As {@link #matches(String, String)}, with a compiled pattern. */
  public static Cleaner matches(String column, Pattern pattern) {
    return Validate.builder().matches(column, pattern).get();
  }

  /**
   * Rejects records where the column holds a value not in {@code allowed}; values are compared with
   * {@code equals} and must have the column's Java type.
   */
  public static Cleaner oneOf(String column, Collection<?> allowed) {
    return Validate.builder().oneOf(column, allowed).get();
  }

  // Personal data.

  /**
   * Replaces the text columns' values with their keyed pseudonyms; ids stay joinable across columns
   * and sources hashed with the same pseudonymizer.
   */
  public static Cleaner hash(Pseudonymizer pseudonymizer, String... columns) {
    return MaskColumns.builder().hash(pseudonymizer, columns).get();
  }

  /** Replaces the values with {@code "[redacted]"} (text columns) or a missing value. */
  public static Cleaner redact(String... columns) {
    return MaskColumns.builder().redact(columns).get();
  }

  /** As {@link #redact(String...)}, with the given text written into text columns. */
  public static Cleaner redactWith(String text, String... columns) {
    return MaskColumns.builder().setRedaction(text).redact(columns).get();
  }

  /**
   * Keeps the last {@code n} characters of a text column after {@code ***} (the end of a card or
   * phone number, say).
   *
   * @throws IllegalArgumentException if n is not 1 to 16
   */
  public static Cleaner keepLast(String column, int n) {
    return MaskColumns.builder().keepLast(column, n).get();
  }
}
