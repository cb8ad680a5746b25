package org.aidmp.data;

/**
 * What a stage does with a row it cannot accept (a ragged CSV row, a value that fails validation).
 * Whatever the policy, every row is counted: read = accepted + quarantined + skipped.
 */
public enum BadRecordPolicy {
  /** Stop the run with a {@link BadRecordException} naming source, line, column and reason. */
  FAIL,
  /** Drop the row and count it as skipped. */
  SKIP,
  /** Keep the row, with its origin and reason, in the {@link Quarantine}, and go on. */
  QUARANTINE
}
