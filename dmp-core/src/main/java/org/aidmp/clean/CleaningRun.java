package org.aidmp.clean;

import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Supplier;
import org.aidmp.data.BadRecordException;
import org.aidmp.data.BadRecordPolicy;
import org.aidmp.data.CloseableIterator;
import org.aidmp.data.Origin;
import org.aidmp.data.Quarantine;
import org.aidmp.data.QuarantinedRecord;
import org.aidmp.data.Record;
import org.aidmp.data.Schema;
import org.aidmp.data.Source;
import org.aidmp.progress.ProgressListener;

/**
 * The cleaned view of a source, made by {@link Cleaning#apply(Source)}: a {@link Source} whose
 * iterator reads, cleans and counts one record at a time, and the {@link CleaningReport} of the
 * latest pass.
 *
 * <pre>{@code
 * CleaningRun run = cleaning.apply(source);
 * try (CloseableIterator<Record> it = run.iterator()) {
 *   while (it.hasNext()) {
 *     store.add(it.next());
 *   }
 * }
 * CleaningReport report = run.report();   // complete() is true after the last row
 * }</pre>
 *
 * <p>Each {@link #iterator()} starts a new pass over the source with freshly bound cleaners. The
 * report is that of the pass started last; read it on the thread that iterates, or after the pass
 * (an iterator is for one thread, like the source's own).
 */
public final class CleaningRun implements Source {
  private final Cleaning cleaning;
  private final Source source;
  private final Schema schema;
  private final Supplier<StageCounts> readStage;
  private volatile Pass current;

  CleaningRun(Cleaning cleaning, Source source, Schema schema, Supplier<StageCounts> readStage) {
    this.cleaning = cleaning;
    this.source = source;
    this.schema = schema;
    this.readStage = readStage;
  }

  /** The schema of the cleaned records: the input schema as the cleaners transform it. */
  @Override
  public Schema schema() {
    return schema;
  }

  /** The source's description; rows keep their own origin in the source. */
  @Override
  public String description() {
    return source.description();
  }

  /** The cleaning this run applies. */
  public Cleaning cleaning() {
    return cleaning;
  }

  /** Starts a new pass: reads the source from the start and cleans as it goes. */
  @Override
  public CloseableIterator<Record> iterator() {
    Pass p = new Pass(cleaning.bindAll(source.schema()).cleaners, source.iterator());
    current = p;
    return p;
  }

  /**
   * The counts of the pass started last, as they stand: {@link CleaningReport#complete()} tells
   * whether it reached the end of the source. Before any pass, a report of zeros.
   */
  public CleaningReport report() {
    Pass p = current;
    CleaningReport r;
    if (p == null) {
      List<CleaningReport.RuleCounts> zero = new ArrayList<>();
      for (String n : cleaning.names()) {
        zero.add(new CleaningReport.RuleCounts(n, 0, 0, 0));
      }
      r = CleaningReport.of(source.description(), cleaning.policy(), zero, 0, 0, 0, false);
    } else {
      r = p.report();
    }
    StageCounts read = readStage == null ? null : readStage.get();
    return read == null ? r : r.plusReadStage(read);
  }

  @Override
  public String toString() {
    return "CleaningRun[" + source.description() + ", " + cleaning + "]";
  }

  /** One pass: the source's iterator, the bound cleaners and the counts. */
  private final class Pass implements CloseableIterator<Record> {
    private final Cleaner[] bound;
    private final CloseableIterator<Record> in;
    private final String[] names;
    private final BadRecordPolicy policy = cleaning.policy();
    private final Quarantine quarantine = cleaning.quarantine();
    private final ProgressListener progress = cleaning.progress();
    private final String task = "clean " + source.description();
    private final long[] changed;
    private final long[] rejected;
    private final long[] skippedBy;
    private long seen;
    private long accepted;
    private long quarantined;
    private long skipped;
    private Record next;
    private boolean done;
    private boolean complete;

    Pass(Cleaner[] bound, CloseableIterator<Record> in) {
      this.bound = bound;
      this.in = in;
      this.names = cleaning.names().toArray(new String[0]);
      this.changed = new long[bound.length];
      this.rejected = new long[bound.length];
      this.skippedBy = new long[bound.length];
    }

    @Override
    public boolean hasNext() {
      while (next == null && !done) {
        if (!in.hasNext()) {
          done = true;
          complete = true;
          in.close();
          progress.onProgress(task, seen, seen);
          break;
        }
        Record r = in.next();
        next = clean(r);
        if ((++seen & (Cleaning.PROGRESS_INTERVAL - 1)) == 0) {
          progress.onProgress(task, seen, -1);
        }
      }
      return next != null;
    }

    /** Runs the cleaners on one row; returns it cleaned, or {@code null} if it was dropped. */
    private Record clean(Record original) {
      Record r = original;
      for (int i = 0; i < bound.length; i++) {
        Record out;
        try {
          out = bound[i].clean(r);
        } catch (BadRecordException e) {
          reject(original, i, e);
          return null;
        }
        if (out == null) {
          skippedBy[i]++;
          skipped++;
          return null;
        }
        if (out != r) {
          changed[i]++;
          r = out;
        }
      }
      accepted++;
      return r;
    }

    private void reject(Record original, int rule, BadRecordException e) {
      switch (policy) {
        case FAIL:
          Origin o = original.origin();
          close();
          throw new BadRecordException(
              o.source(), o.line(), e.column(), names[rule] + ": " + e.reason(), e);
        case SKIP:
          rejected[rule]++;
          skipped++;
          break;
        default:
          quarantine.accept(QuarantinedRecord.of(original, e.column(), names[rule], e.reason()));
          rejected[rule]++;
          quarantined++;
      }
    }

    @Override
    public Record next() {
      if (!hasNext()) {
        throw new NoSuchElementException("the cleaned source has no more records");
      }
      Record r = next;
      next = null;
      return r;
    }

    @Override
    public void close() {
      done = true;
      in.close();
    }

    CleaningReport report() {
      List<CleaningReport.RuleCounts> rules = new ArrayList<>(bound.length);
      for (int i = 0; i < bound.length; i++) {
        rules.add(new CleaningReport.RuleCounts(names[i], changed[i], rejected[i], skippedBy[i]));
      }
      return CleaningReport.of(
          source.description(), policy, rules, accepted, quarantined, skipped, complete);
    }
  }
}
