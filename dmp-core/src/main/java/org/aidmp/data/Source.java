package org.aidmp.data;

import java.util.List;
import java.util.Objects;

/**
 * Records plus a description of where they came from. Each call of {@link #iterator()} reads the
 * source again from the start, so a source may be read more than once (to fit an imputer, say);
 * callers that stop early close the iterator.
 *
 * <p>A source that rejects some rows itself while reading (a CSV reader quarantining ragged lines
 * under a lenient policy) says how many through {@link #quarantinedRows()} and {@link
 * #skippedRows()}, so that reports downstream still balance: those rows were read but never reached
 * the next stage. A source that hands out every row it reads keeps the defaults, 0.
 *
 * <pre>{@code
 * Source events = CsvSource.builder(Path.of("events.csv")).get();
 * try (CloseableIterator<Record> it = events.iterator()) {
 *   while (it.hasNext()) { process(it.next()); }
 * }
 * }</pre>
 */
public interface Source extends Iterable<Record> {
  /** The schema of the records, known before the first one is read. */
  Schema schema();

  /** Where the records come from, for reports and errors: a path or URI, never secrets or rows. */
  String description();

  /** A fresh iterator from the start of the source. */
  @Override
  CloseableIterator<Record> iterator();

  /** Rows the most recent pass rejected itself and put into a quarantine; 0 by default. */
  default long quarantinedRows() {
    return 0;
  }

  /** Rows the most recent pass rejected itself and dropped; 0 by default. */
  default long skippedRows() {
    return 0;
  }

  /** A source over records held in memory. */
  static Source of(Schema schema, String description, List<Record> records) {
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(description, "description");
    List<Record> copy = List.copyOf(records);
    return new Source() {
      @Override
      public Schema schema() {
        return schema;
      }

      @Override
      public String description() {
        return description;
      }

      @Override
      public CloseableIterator<Record> iterator() {
        return CloseableIterator.wrap(copy.iterator());
      }
    };
  }
}
