package org.aidmp.profile;

/**
 * What reading a source into a {@link ProfileStore} did with its rows: {@code read = accepted +
 * skipped + quarantined}.
 *
 * @param source the description of the source
 * @param read rows read
 * @param accepted rows folded into the store
 * @param skipped bad rows dropped under {@link org.aidmp.data.BadRecordPolicy#SKIP}
 * @param quarantined bad rows kept under {@link org.aidmp.data.BadRecordPolicy#QUARANTINE}
 */
public record IngestReport(
    String source, long read, long accepted, long skipped, long quarantined) {
  /** Checks that the counts add up. */
  public IngestReport {
    if (read != accepted + skipped + quarantined
        || accepted < 0
        || skipped < 0
        || quarantined < 0) {
      throw new IllegalArgumentException(
          "counts do not add up: read "
              + read
              + " != accepted "
              + accepted
              + " + skipped "
              + skipped
              + " + quarantined "
              + quarantined);
    }
  }
}
