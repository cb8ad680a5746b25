package org.aidmp.io.s3;

/**
 * What one pass of an {@link S3Source} did with the objects it was given: every pending object is
 * either read (its records delivered), quarantined or skipped, so {@code pending = read +
 * quarantined + skipped} once the pass ended; of those read, some were checked end to end against a
 * checksum the server stored with them and some could not be.
 *
 * <pre>{@code
 * for (Record r : source) { ... }
 * S3ReadAccount a = source.account();
 * if (a.notValidated() > 0) { log("read without a stored checksum: " + a.notValidated()); }
 * }</pre>
 *
 * @param pending objects the pass was to read (listed and not yet in the read log)
 * @param read objects whose records were all delivered
 * @param quarantined bad objects put into the quarantine under {@code BadRecordPolicy.QUARANTINE}
 * @param skipped bad objects dropped under {@code BadRecordPolicy.SKIP}
 * @param validated objects read whose bytes the SDK checked against the stored checksum
 * @param notValidated objects read without that check: the server stored no checksum, or a cut
 *     connection had to be resumed with a ranged GET (which carries none for the whole object)
 * @param records records delivered
 */
public record S3ReadAccount(
    long pending,
    long read,
    long quarantined,
    long skipped,
    long validated,
    long notValidated,
    long records) {

  /** An account with nothing in it. */
  public static final S3ReadAccount EMPTY = new S3ReadAccount(0, 0, 0, 0, 0, 0, 0);

  /** Whether every pending object was accounted for: the pass ran to its end. */
  public boolean balanced() {
    return pending == read + quarantined + skipped;
  }
}
