package org.aidmp.data;

/**
 * A {@link Source} that rejects some rows itself while reading (a CSV reader dropping ragged lines
 * under a lenient policy) and says how many, so that reports downstream still balance: those rows
 * were read but never reached the next stage.
 */
public interface CountsOwnRejections {
  /** Rows the most recent pass put into a quarantine. */
  long quarantinedRows();

  /** Rows the most recent pass dropped. */
  long skippedRows();
}
