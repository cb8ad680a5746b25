package org.aidmp.data;

/**
 * Row counts of one pass over a source (CSV, JSON Lines, several files, a database, Parquet) or one
 * file of it, or of a stage that took the rows of a source (events mapped into profiles, attributes
 * joined to users). Between records, {@code read == accepted + quarantined + skipped}: every row
 * read is accounted for, whatever the {@link BadRecordPolicy}.
 *
 * <pre>{@code
 * ReadCounts total = ReadCounts.EMPTY.plus(new ReadCounts(10, 9, 1, 0));
 * }</pre>
 *
 * @param read rows parsed (a row that stops the read under {@code FAIL} is not counted)
 * @param accepted rows handed out as records
 * @param quarantined rows sent to the quarantine
 * @param skipped rows dropped
 */
public record ReadCounts(long read, long accepted, long quarantined, long skipped) {
  /** Counts before anything was read. */
  public static final ReadCounts EMPTY = new ReadCounts(0, 0, 0, 0);

  /** Checks that the counts are non-negative and add up. */
  public ReadCounts {
    if (read < 0 || accepted < 0 || quarantined < 0 || skipped < 0) {
      throw new IllegalArgumentException(
          "negative count in read="
              + read
              + ", accepted="
              + accepted
              + ", quarantined="
              + quarantined
              + ", skipped="
              + skipped);
    }
    if (read != accepted + quarantined + skipped) {
      throw new IllegalArgumentException(
          "read ("
              + read
              + ") != accepted ("
              + accepted
              + ") + quarantined ("
              + quarantined
              + ") + skipped ("
              + skipped
              + ")");
    }
  }

  /** The sum of these counts and {@code other}. */
  public ReadCounts plus(ReadCounts other) {
    return new ReadCounts(
        read + other.read,
        accepted + other.accepted,
        quarantined + other.quarantined,
        skipped + other.skipped);
  }
}
