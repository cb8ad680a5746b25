package org.aidmp.clean;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.aidmp.data.BadRecordException;
import org.aidmp.data.BadRecordPolicy;
import org.aidmp.data.CloseableIterator;
import org.aidmp.data.Quarantine;
import org.aidmp.data.Record;
import org.aidmp.data.Schema;
import org.aidmp.data.Source;
import org.aidmp.progress.ProgressListener;

/**
 * An ordered list of {@link Cleaner}s applied to a {@link Source} under a {@link BadRecordPolicy}.
 *
 * <pre>{@code
 * Quarantine.InMemory rejected = Quarantine.inMemory();
 * Cleaning cleaning = Cleaning.builder()
 *     .add(Cleaners.trim())
 *     .add(Cleaners.dropDuplicates("order_id"))
 *     .add(ConvertTypes.to(typedSchema))
 *     .add(Impute.builder().median("amount").get())
 *     .setPolicy(BadRecordPolicy.QUARANTINE)
 *     .setQuarantine(rejected)
 *     .get()
 *     .fit(source);                       // the median needs one pass
 * CleaningRun run = cleaning.apply(source);
 * for (Record r : run) { ... }            // streams; each row is cleaned as it is read
 * System.out.println(run.report().format());
 * }</pre>
 *
 * <p>Each record goes through the cleaners in order. A cleaner's rejection (a {@link
 * BadRecordException} naming the column and the reason) is handled by the policy: {@code FAIL}
 * throws a {@link BadRecordException} with the source, line, column and the rule and reason; {@code
 * SKIP} drops the row; {@code QUARANTINE} hands it, as read, to the {@link Quarantine} with its
 * source, line, column, rule and reason. Every row is counted in the {@link CleaningReport}.
 * Cleaners are bound to the schema once per pass, so column names are looked up once, not per row.
 *
 * <p>A {@code Cleaning} is immutable and may run several passes, each with fresh per-pass state
 * (the keys a de-duplicator has seen). Every pass hands its rejected rows to the same quarantine.
 */
public final class Cleaning {
  /** Rows between two progress reports. */
  public static final int PROGRESS_INTERVAL = 1 << 16;

  private final List<Cleaner> cleaners;
  private final List<String> names;
  private final BadRecordPolicy policy;
  private final Quarantine quarantine;
  private final ProgressListener progress;

  private Cleaning(Builder b) {
    this(
        b.cleaners,
        b.names,
        b.policy == null ? BadRecordPolicy.FAIL : b.policy,
        b.quarantine,
        b.progress == null ? ProgressListener.NONE : b.progress);
  }

  private Cleaning(
      List<Cleaner> cleaners,
      List<String> names,
      BadRecordPolicy policy,
      Quarantine quarantine,
      ProgressListener progress) {
    if (policy == BadRecordPolicy.QUARANTINE && quarantine == null) {
      throw new IllegalArgumentException(
          "policy QUARANTINE needs somewhere to put rows; call setQuarantine(Quarantine.inMemory())"
              + " or choose SKIP");
    }
    if (policy != BadRecordPolicy.QUARANTINE && quarantine != null) {
      throw new IllegalArgumentException(
          "a quarantine is set but the policy is "
              + policy
              + ", so it would stay empty; set the"
              + " policy to QUARANTINE or drop the quarantine");
    }
    this.cleaners = List.copyOf(cleaners);
    this.names = uniqueNames(names);
    this.policy = policy;
    this.quarantine = quarantine;
    this.progress = progress;
  }

  /**
   * This cleaning followed by one more cleaner, with the same policy, quarantine and progress
   * listener; this one is not changed. The pipeline uses it to pseudonymise ids after the user's
   * own cleaners have normalised them.
   */
  public Cleaning then(String name, Cleaner cleaner) {
    Objects.requireNonNull(cleaner, "cleaner");
    List<Cleaner> c = new ArrayList<>(cleaners);
    c.add(cleaner);
    List<String> n = new ArrayList<>(names);
    n.add(CleaningNames.check(name));
    return new Cleaning(c, n, policy, quarantine, progress);
  }

  /** Makes names unique by suffixing repeats: "validate", "validate#2". */
  private static List<String> uniqueNames(List<String> names) {
    Map<String, Integer> seen = new HashMap<>();
    List<String> out = new ArrayList<>(names.size());
    for (String n : names) {
      int k = seen.merge(n, 1, Integer::sum);
      out.add(k == 1 ? n : n + "#" + k);
    }
    return List.copyOf(out);
  }

  /** A new builder: no cleaners, policy {@code FAIL}, no quarantine, no progress listener. */
  public static Builder builder() {
    return new Builder();
  }

  /** The cleaners, in order. */
  public List<Cleaner> cleaners() {
    return cleaners;
  }

  /** The rule names of the cleaners, in order, as they appear in reports (repeats numbered). */
  public List<String> names() {
    return names;
  }

  /** The policy for rejected rows. */
  public BadRecordPolicy policy() {
    return policy;
  }

  /** Whether every {@link FittableCleaner} is fitted, so that {@link #apply} may run. */
  public boolean isFitted() {
    for (Cleaner c : cleaners) {
      if (c instanceof FittableCleaner f && !f.isFitted()) {
        return false;
      }
    }
    return true;
  }

  /**
   * The schema of the cleaned records for input of {@code input}.
   *
   * @throws IllegalArgumentException if a cleaner cannot work on what reaches it
   */
  public Schema outputSchema(Schema input) {
    Schema s = input;
    for (Cleaner c : cleaners) {
      s = c.outputSchema(s);
    }
    return s;
  }

  /**
   * Fits every {@link FittableCleaner} that is not fitted yet, each on the records of {@code
   * source} as they reach it: after the cleaners before it, without rows those reject or skip.
   * Reads the source once per such cleaner; rejections while fitting are not reported or
   * quarantined (applying does that). Cleaners already fitted are kept, so fitted values carry over
   * when the returned cleaning is applied to new data.
   *
   * @return a cleaning with the fitted cleaners, or this one if there was nothing to fit
   */
  public Cleaning fit(Source source) {
    Objects.requireNonNull(source, "source");
    List<Cleaner> out = new ArrayList<>(cleaners);
    boolean changed = false;
    for (int k = 0; k < out.size(); k++) {
      if (!(out.get(k) instanceof FittableCleaner f) || f.isFitted()) {
        continue;
      }
      Cleaner[] prefix = new Cleaner[k];
      Schema s = source.schema();
      for (int i = 0; i < k; i++) {
        prefix[i] = out.get(i).bind(s);
        s = out.get(i).outputSchema(s);
      }
      FittableCleaner.Fitter fitter = f.fitter(s);
      String task = "fit " + names.get(k) + " on " + source.description();
      long seen = 0;
      try (CloseableIterator<Record> it = source.iterator()) {
        while (it.hasNext()) {
          Record r = it.next();
          if ((++seen & (PROGRESS_INTERVAL - 1)) == 0) {
            progress.onProgress(task, seen, -1);
          }
          for (int i = 0; i < k && r != null; i++) {
            try {
              r = prefix[i].clean(r);
            } catch (BadRecordException e) {
              r = null;
            }
          }
          if (r != null) {
            fitter.accept(r);
          }
        }
      }
      progress.onProgress(task, seen, seen);
      out.set(k, fitter.fitted());
      changed = true;
    }
    return changed ? new Cleaning(out, names, policy, quarantine, progress) : this;
  }

  /**
   * A cleaned view of {@code source}: iterating it reads and cleans the source, streaming, and
   * fills the run's {@link CleaningRun#report()}. Binds every cleaner once now, so that
   * configuration errors show before any row is read. When the source has rejected rows itself
   * ({@link Source#quarantinedRows()}, {@link Source#skippedRows()}), they are listed first in the
   * report, as a stage named {@code "read"}, so that the report balances.
   *
   * @throws IllegalStateException if a cleaner needs fitting ({@link #fit(Source)})
   * @throws IllegalArgumentException if a cleaner cannot work on what reaches it
   */
  public CleaningRun apply(Source source) {
    Objects.requireNonNull(source, "source");
    return apply(
        source,
        () -> {
          long quarantined = source.quarantinedRows();
          long skipped = source.skippedRows();
          return quarantined == 0 && skipped == 0
              ? null
              : new StageCounts("read", quarantined, skipped);
        });
  }

  /**
   * As {@link #apply(Source)}, with the read stage's counts given.
   *
   * @param readStage if not {@code null}, asked for the rows the source itself quarantined or
   *     skipped (its counts so far) whenever a report is made; it may answer {@code null} for no
   *     such stage
   */
  CleaningRun apply(Source source, Supplier<StageCounts> readStage) {
    Objects.requireNonNull(source, "source");
    if (!isFitted()) {
      List<String> unfitted = new ArrayList<>();
      for (int i = 0; i < cleaners.size(); i++) {
        if (cleaners.get(i) instanceof FittableCleaner f && !f.isFitted()) {
          unfitted.add(names.get(i));
        }
      }
      throw new IllegalStateException(
          "cleaners "
              + unfitted
              + " need statistics of the data; call fit(source) first and"
              + " apply the cleaning it returns");
    }
    Schema out = bindAll(source.schema()).schema;
    return new CleaningRun(this, source, out, readStage);
  }

  /** Cleaners bound for one pass, and the schema that comes out of the last. */
  static final class Bound {
    final Cleaner[] cleaners;
    final Schema schema;

    Bound(Cleaner[] cleaners, Schema schema) {
      this.cleaners = cleaners;
      this.schema = schema;
    }
  }

  Bound bindAll(Schema input) {
    Cleaner[] bound = new Cleaner[cleaners.size()];
    Schema s = input;
    for (int i = 0; i < bound.length; i++) {
      bound[i] = cleaners.get(i).bind(s);
      s = cleaners.get(i).outputSchema(s);
    }
    return new Bound(bound, s);
  }

  Quarantine quarantine() {
    return quarantine;
  }

  ProgressListener progress() {
    return progress;
  }

  /** The policy and every cleaner's configuration, for run provenance. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("Cleaning[policy=").append(policy);
    for (int i = 0; i < cleaners.size(); i++) {
      sb.append(", ").append(names.get(i)).append('=').append(cleaners.get(i));
    }
    return sb.append(']').toString();
  }

  /**
   * Assembles a {@link Cleaning}. Cleaners are added in order; every other option may be set once,
   * and setting it again is an error, so that no setting silently overrides another.
   */
  public static final class Builder {
    private final List<Cleaner> cleaners = new ArrayList<>();
    private final List<String> names = new ArrayList<>();
    private BadRecordPolicy policy;
    private Quarantine quarantine;
    private ProgressListener progress;

    private Builder() {}

    /** Appends a cleaner, named by its {@link Cleaner#name()}. */
    public Builder add(Cleaner cleaner) {
      Objects.requireNonNull(cleaner, "cleaner");
      return add(cleaner.name(), cleaner);
    }

    /** Appends a cleaner under the given rule name (for lambdas, or to tell two apart). */
    public Builder add(String name, Cleaner cleaner) {
      Objects.requireNonNull(cleaner, "cleaner");
      names.add(CleaningNames.check(name));
      cleaners.add(cleaner);
      return this;
    }

    /** What to do with rejected rows; default {@link BadRecordPolicy#FAIL}. */
    public Builder setPolicy(BadRecordPolicy policy) {
      Objects.requireNonNull(policy, "policy");
      if (this.policy != null) {
        throw new IllegalStateException("policy is already " + this.policy + "; set it once");
      }
      this.policy = policy;
      return this;
    }

    /** Where rejected rows go under {@link BadRecordPolicy#QUARANTINE}. */
    public Builder setQuarantine(Quarantine quarantine) {
      Objects.requireNonNull(quarantine, "quarantine");
      if (this.quarantine != null) {
        throw new IllegalStateException("quarantine is already set; set it once");
      }
      this.quarantine = quarantine;
      return this;
    }

    /**
     * Told the rows read every {@value Cleaning#PROGRESS_INTERVAL} rows and at the end of a pass.
     */
    public Builder setProgress(ProgressListener progress) {
      Objects.requireNonNull(progress, "progress");
      if (this.progress != null) {
        throw new IllegalStateException("progress listener is already set; set it once");
      }
      this.progress = progress;
      return this;
    }

    /**
     * The configured cleaning; the builder is not changed and may build again.
     *
     * @throws IllegalArgumentException if the policy and quarantine do not fit together
     */
    public Cleaning get() {
      return new Cleaning(this);
    }
  }
}
