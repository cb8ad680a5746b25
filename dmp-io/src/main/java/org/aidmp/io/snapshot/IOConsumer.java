package org.aidmp.io.snapshot;

import java.io.IOException;

/**
 * Writes something to a target and may fail with an {@link IOException}; used to hand a model's own
 * {@code write(DataOutput)} method to {@link SnapshotWriter}.
 *
 * <pre>{@code
 * IOConsumer<DataOutput> save = model::write;
 * }</pre>
 *
 * @param <T> what is written to
 */
@FunctionalInterface
public interface IOConsumer<T> {
  /** Writes to {@code target}. */
  void accept(T target) throws IOException;
}
