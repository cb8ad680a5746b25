package org.aidmp.io.csv;

/**
 * Row counts of one pass over a CSV source. Between records, {@code read == accepted + quarantined
 * + skipped}: every data row read is accounted for. The header line is not a row.
 *
 * <pre>{@code
 * try (CsvRecordIterator it = source.iterator()) {
 *   while (it.hasNext()) { use(it.next()); }
 *   CsvReadStats stats = it.stats();
 * }
 * }</pre>
 *
 * @param read data rows parsed so far (a row that stops the read under {@code FAIL} is not counted)
 * @param accepted rows handed out as records
 * @param quarantined rows sent to the quarantine
 * @param skipped rows dropped: blank lines under {@link BlankLinePolicy#SKIP} and bad rows under
 *     {@code SKIP}
 */
public record CsvReadStats(long read, long accepted, long quarantined, long skipped) {
  /** Counts before anything was read. */
  public static final CsvReadStats EMPTY = new CsvReadStats(0, 0, 0, 0);

  /** Checks that the counts are non-negative and add up. */
  public CsvReadStats {
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
}
