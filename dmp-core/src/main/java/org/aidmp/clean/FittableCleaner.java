package org.aidmp.clean;

import org.aidmp.data.CloseableIterator;
import org.aidmp.data.Record;
import org.aidmp.data.Schema;
import org.aidmp.data.Source;

/**
 * A cleaner that needs statistics of the data before it can clean (the mean of a column, say). It
 * is fitted on one pass over the data and the fitted cleaner is then applied to any records,
 * including new data, without refitting.
 *
 * <pre>{@code
 * Impute impute = Impute.builder().mean("age").get();      // not fitted yet
 * Impute fitted = impute.fit(trainingSource);               // one pass over the data
 * Record r = fitted.clean(record);                          // reusable on new records
 * }</pre>
 *
 * <p>Inside a {@link Cleaning}, call {@link Cleaning#fit(Source)}: it fits each fittable cleaner on
 * the records as they reach it, after the cleaners before it. An unfitted cleaner refuses to clean
 * with an {@link IllegalStateException}.
 */
public interface FittableCleaner extends Cleaner {
  /** Whether the cleaner has everything it needs to clean. */
  boolean isFitted();

  /**
   * A collector of statistics for records of {@code input}.
   *
   * @throws IllegalArgumentException if the cleaner cannot work on {@code input}
   */
  Fitter fitter(Schema input);

  /** Fits on every record of {@code source}, read once, and returns the fitted cleaner. */
  default FittableCleaner fit(Source source) {
    Fitter f = fitter(source.schema());
    try (CloseableIterator<Record> it = source.iterator()) {
      while (it.hasNext()) {
        f.accept(it.next());
      }
    }
    return f.fitted();
  }

  /** Collects statistics record by record, then makes the fitted cleaner. Used on one thread. */
  interface Fitter {
    /** Takes one record into the statistics. */
    void accept(Record record);

    /**
     * The fitted cleaner, from the records seen so far.
     *
     * @throws IllegalStateException if the records do not allow a fit (a column with no values)
     */
    FittableCleaner fitted();
  }
}
