package org.aidmp.stage;

import java.time.Duration;
import java.util.Objects;

/**
 * What one stage of a run, or one fit of a model, did: its name, its configuration, the rows it
 * took and gave, and how long it took.
 *
 * @param name the stage's name ("clean events", "segment")
 * @param config the stage's configuration as it ran: the immutable configuration value itself (a
 *     {@code KMeans}, a {@code FeatureSpec}, an {@code EventMapping}…), so that it can be compared,
 *     inspected and reused, not only read; in a provenance read back from a saved model, the text
 *     of that value
 * @param rowsIn rows (or users) the stage took in, or -1 when not meaningful
 * @param rowsOut rows (or users) the stage gave out, or -1 when not meaningful
 * @param elapsed wall-clock time the stage took
 */
public record StageRecord(String name, Object config, long rowsIn, long rowsOut, Duration elapsed) {
  /** Checks that name, config and elapsed are given. */
  public StageRecord {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(elapsed, "elapsed");
  }
}
