package org.aidmp.io.snapshot;

import java.io.IOException;

/**
 * Reads a value from a source and may fail with an {@link IOException}; used to hand a model's own
 * {@code read(DataInput)} factory to {@link SnapshotReader}.
 *
 * <pre>{@code
 * IOFunction<DataInput, KMeansModel> load = KMeansModel::read;
 * }</pre>
 *
 * @param <T> what is read from
 * @param <R> the value read
 */
@FunctionalInterface
public interface IOFunction<T, R> {
  /** Reads a value from {@code source}. */
  R apply(T source) throws IOException;
}
