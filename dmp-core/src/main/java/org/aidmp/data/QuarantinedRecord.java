package org.aidmp.data;

import java.util.List;
import java.util.Objects;

/**
 * A rejected row kept for inspection: where it came from, which rule rejected it and why, and its
 * raw fields as read.
 *
 * @param source description of the source
 * @param line 1-based line, or 0 if unknown
 * @param column the offending column, or {@code null} when the whole row is bad
 * @param rule the name of the rule or stage that rejected it
 * @param reason why it was rejected
 * @param fields the row's fields as text, as read (may be empty when the row could not be read)
 */
public record QuarantinedRecord(
    String source, long line, String column, String rule, String reason, List<String> fields) {
  /** Checks the arguments and copies the fields. */
  public QuarantinedRecord {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(reason, "reason");
    fields = fields == null ? List.of() : List.copyOf(nullsAsEmpty(fields));
  }

  private static List<String> nullsAsEmpty(List<String> fields) {
    return fields.stream().map(f -> f == null ? "" : f).toList();
  }

  /** A quarantined record for a record rejected by {@code rule}. */
  public static QuarantinedRecord of(Record record, String column, String rule, String reason) {
    Object[] values = record.values();
    String[] text = new String[values.length];
    for (int i = 0; i < values.length; i++) {
      text[i] = values[i] == null ? "" : values[i].toString();
    }
    return new QuarantinedRecord(
        record.origin().source(), record.origin().line(), column, rule, reason, List.of(text));
  }

  /** Shows where and why, never the fields: rows may hold personal data. */
  @Override
  public String toString() {
    return "QuarantinedRecord["
        + source
        + (line > 0 ? ":" + line : "")
        + (column != null ? ", column " + column : "")
        + ", "
        + rule
        + ": "
        + reason
        + "]";
  }
}
