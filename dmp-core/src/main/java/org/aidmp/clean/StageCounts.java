package org.aidmp.clean;

import java.util.Objects;

/**
 * Rows a stage before the cleaners (a CSV reader dropping ragged lines, say) quarantined or skipped
 * itself, so that a {@link CleaningReport} can still balance: those rows were read but never
 * reached a cleaner. {@link Cleaning#apply(org.aidmp.data.Source)} takes them from the source's
 * {@link org.aidmp.data.Source#quarantinedRows()} and {@link org.aidmp.data.Source#skippedRows()}.
 *
 * @param stage the stage's name in the report
 * @param quarantined rows it put into a quarantine
 * @param skipped rows it dropped
 */
record StageCounts(String stage, long quarantined, long skipped) {
  /** Checks the name and that the counts are not negative. */
  public StageCounts {
    CleaningNames.check(Objects.requireNonNull(stage, "stage"));
    if (quarantined < 0 || skipped < 0) {
      throw new IllegalArgumentException(
          "stage '"
              + stage
              + "' counts are negative (quarantined "
              + quarantined
              + ", skipped "
              + skipped
              + "); counts start at 0");
    }
  }
}
