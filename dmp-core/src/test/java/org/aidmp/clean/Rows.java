package org.aidmp.clean;

import java.util.ArrayList;
import java.util.List;
import org.aidmp.data.Origin;
import org.aidmp.data.Record;
import org.aidmp.data.Schema;
import org.aidmp.data.Source;

/** Test helpers: text rows as a CSV reader would give them, with line numbers. */
final class Rows {
  private Rows() {}

  static Schema strings(String... names) {
    return Schema.ofStrings(List.of(names));
  }

  /** A record of {@code schema} read from line {@code line} of "test.csv". */
  static Record row(Schema schema, long line, Object... values) {
    return Record.of(schema, new Origin("test.csv", line), values);
  }

  /** A source whose rows start on line 2, as below a header. */
  static Source source(Schema schema, Object[]... rows) {
    List<Record> records = new ArrayList<>();
    for (int i = 0; i < rows.length; i++) {
      records.add(row(schema, i + 2, rows[i]));
    }
    return Source.of(schema, "test.csv", records);
  }

  /** Every record of a source, in order. */
  static List<Record> all(Iterable<Record> source) {
    List<Record> out = new ArrayList<>();
    source.forEach(out::add);
    return out;
  }
}
