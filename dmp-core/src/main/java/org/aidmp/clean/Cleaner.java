package org.aidmp.clean;

import org.aidmp.data.BadRecordException;
import org.aidmp.data.Record;
import org.aidmp.data.Schema;

/**
 * One cleaning rule: takes a record and returns it fixed, unchanged, rejected or skipped.
 *
 * <pre>{@code
 * Cleaner noTestUsers = r -> "test".equals(r.get("segment")) ? null : r;
 * Cleaning cleaning = Cleaning.builder().add("no test users", noTestUsers).get();
 * }</pre>
 *
 * <p>The outcome of {@link #clean(Record)} is read like this:
 *
 * <ul>
 *   <li>the <em>same instance</em> it was given: the record needed no change (returning the same
 *       instance, rather than an equal copy, is what lets a pipeline count changes and avoid
 *       copies);
 *   <li>a <em>new record</em>: the cleaned record, counted as changed under the cleaner's {@link
 *       #name()};
 *   <li>{@code null}: drop the record on purpose (a duplicate, say); it is counted as skipped under
 *       the cleaner's name and never quarantined, whatever the policy;
 *   <li>a thrown {@link BadRecordException}, made with {@link
 *       BadRecordException#BadRecordException(String, String) the column and the reason}: the
 *       record is bad; the {@link Cleaning}'s {@link org.aidmp.data.BadRecordPolicy} decides
 *       whether the run fails, skips or quarantines it.
 * </ul>
 *
 * <p>A cleaner that looks columns up by name should do so once: {@link #bind(Schema)} is called
 * once per pass over a source with the schema of the records the cleaner will see, and returns the
 * cleaner that does that pass's work, with column positions resolved and any per-pass state (the
 * keys a de-duplicator has seen) fresh. Configuration errors found there (a missing column, a
 * numeric rule on a text column) are thrown as {@link IllegalArgumentException} before any record
 * is read. The built-in cleaners are immutable and thread-safe; the cleaners they bind are meant
 * for one pass on one thread.
 */
@FunctionalInterface
public interface Cleaner {
  /**
   * Cleans one record.
   *
   * @param record the record; its schema is the one given to {@link #bind(Schema)}
   * @return {@code record} itself if unchanged, a new record if changed, {@code null} to skip it
   * @throws BadRecordException if the record is bad, naming the column and the reason
   */
  Record clean(Record record);

  /**
   * The rule's name in reports and quarantined rows. The default is the class's simple name, or
   * {@code "custom"} for lambdas and anonymous classes; name those with {@link
   * Cleaning.Builder#add(String, Cleaner)}.
   */
  default String name() {
    String simple = getClass().getSimpleName();
    return simple.isEmpty() || simple.contains("$$") ? "custom" : simple;
  }

  /**
   * The schema of the records this cleaner returns when given records of {@code input}. The default
   * is {@code input}: most cleaners change values, not columns.
   *
   * @throws IllegalArgumentException if the cleaner cannot work on {@code input}
   */
  default Schema outputSchema(Schema input) {
    return input;
  }

  /**
   * The cleaner for one pass over records of {@code input}: column positions resolved, per-pass
   * state fresh. The default returns this cleaner, which suits stateless lambdas.
   *
   * @throws IllegalArgumentException if the cleaner cannot work on {@code input}, naming the column
   *     and the fix
   */
  default Cleaner bind(Schema input) {
    return this;
  }
}
