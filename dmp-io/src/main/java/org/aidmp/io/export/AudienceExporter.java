package org.aidmp.io.export;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.aidmp.audience.Audience;
import org.aidmp.internal.privacy.KAnonymity;
import org.aidmp.recommend.Recommendation;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Exports segments, lookalike audiences and recommendations as CSV to a file or S3, refusing any
 * group of fewer distinct users than a minimum size (default 100) so that no tiny group can be
 * singled out.
 *
 * <pre>{@code
 * AudienceExporter exporter = AudienceExporter.builder().setMinGroupSize(500).get();
 * ExportReport r = exporter.exportSegments(segments, ExportTarget.file(Path.of("segments.csv")));
 * Audience lookalike = lookalikes.expand(bestCustomers).named("lookalike-best");
 * exporter.exportAudiences(List.of(lookalike), ExportTarget.file(Path.of("lookalike.csv")));
 * Map<String, List<Recommendation>> recs = new LinkedHashMap<>();
 * for (String u : users) { recs.put(u, recommender.recommend(u, 10)); }   // best first
 * exporter.exportRecommendations(recs, ExportTarget.s3(s3, "acme-exports", "recs.csv"));
 * }</pre>
 *
 * <p>Size checks count <em>distinct</em> users, so an audience that lists one user 100 times is a
 * group of one; each user is written once per group (the first listing, with its score), and a
 * suppressed audience (emptied by its own rule's minimum) counts as a small group. A minimum below
 * the floor of 10 is refused unless {@link Builder#allowUnsafeMinimum()} was called first. Size
 * checks run before anything is written; with {@link SmallGroupPolicy#REFUSE} an export holding a
 * small group writes nothing. Output becomes visible at the target only when complete. Columns:
 * segments {@code segment,user_id}; audiences {@code audience,user_id,score}; recommendations
 * {@code user_id,rank,item_id,score}. Immutable and thread-safe.
 */
public final class AudienceExporter {
  /** A minimum group size of 100 and {@link SmallGroupPolicy#REFUSE}. */
  public static final AudienceExporter DEFAULT = builder().get();

  private final int minGroupSize;
  private final boolean unsafeMinimum;
  private final SmallGroupPolicy smallGroupPolicy;

  private AudienceExporter(Builder b) {
    this.minGroupSize = KAnonymity.checkK(b.minGroupSize, b.unsafeMinimum);
    this.unsafeMinimum = b.unsafeMinimum;
    this.smallGroupPolicy = b.smallGroupPolicy;
  }

  /** A builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from this exporter's settings. */
  public Builder toBuilder() {
    Builder b = new Builder();
    if (unsafeMinimum) {
      b.allowUnsafeMinimum();
    }
    return b.setMinGroupSize(minGroupSize).setSmallGroupPolicy(smallGroupPolicy);
  }

  /** The smallest number of distinct users a group may have to be exported. */
  public int minGroupSize() {
    return minGroupSize;
  }

  /** What happens to smaller groups. */
  public SmallGroupPolicy smallGroupPolicy() {
    return smallGroupPolicy;
  }

  /**
   * Writes each segment's members as {@code segment,user_id} rows.
   *
   * @throws IllegalArgumentException under {@link SmallGroupPolicy#REFUSE} if a segment is too
   *     small, or if two groups share a name; nothing is written then
   */
  public ExportReport exportSegments(Collection<Audience> segments, ExportTarget target)
      throws IOException {
    return exportGroups(segments, target, false);
  }

  /** Writes each audience's members as {@code audience,user_id,score} rows; see segments. */
  public ExportReport exportAudiences(Collection<Audience> audiences, ExportTarget target)
      throws IOException {
    return exportGroups(audiences, target, true);
  }

  private ExportReport exportGroups(
      Collection<Audience> groups, ExportTarget target, boolean withScore) throws IOException {
    Objects.requireNonNull(target, "target");
    List<Audience> keep = new ArrayList<>();
    List<String> omitted = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (Audience a : groups) {
      if (!names.add(a.name())) {
        throw new IllegalArgumentException(
            "two groups are named '" + a.name() + "'; give every group a distinct name");
      }
      int distinct = a.distinctUsers();
      if (a.suppressed() || distinct < minGroupSize) {
        if (smallGroupPolicy == SmallGroupPolicy.REFUSE) {
          throw new IllegalArgumentException(
              "group '"
                  + a.name()
                  + "' has "
                  + distinct
                  + " distinct users ("
                  + a.size()
                  + " listed"
                  + (a.suppressed() ? ", suppressed by its own rule" : "")
                  + "), fewer than the minimum"
                  + " export size "
                  + minGroupSize
                  + "; merge it with another group, lower"
                  + " minGroupSize, or use SmallGroupPolicy.OMIT. Nothing was written to "
                  + target.description());
        }
        omitted.add(a.name());
      } else {
        keep.add(a);
      }
    }
    long rows = 0;
    try (ExportOutput out = target.open();
        Writer w = new OutputStreamWriter(new NonClosing(out), StandardCharsets.UTF_8);
        CSVPrinter csv =
            new CSVPrinter(
                w,
                CSVFormat.DEFAULT
                    .builder()
                    .setHeader(
                        withScore
                            ? new String[] {"audience", "user_id", "score"}
                            : new String[] {"segment", "user_id"})
                    .setRecordSeparator('\n')
                    .get())) {
      for (Audience a : keep) {
        Set<String> written = new HashSet<>();
        for (Audience.Member m : a.members()) {
          if (!written.add(m.userId())) {
            continue;
          }
          if (withScore) {
            csv.printRecord(a.name(), m.userId(), Double.isNaN(m.score()) ? "" : m.score());
          } else {
            csv.printRecord(a.name(), m.userId());
          }
          rows++;
        }
      }
      csv.flush();
      out.commit();
    }
    return new ExportReport(
        target.description(), rows, keep.stream().map(Audience::name).toList(), omitted);
  }

  /**
   * Writes recommendations as {@code user_id,rank,item_id,score} rows: users in the map's order,
   * each user's list best first as a recommender returns it, rank 1 for the first item.
   *
   * @param byUser each user's recommendations, best first, as {@code Recommender.recommend} returns
   *     them
   */
  public ExportReport exportRecommendations(
      Map<String, ? extends List<Recommendation>> byUser, ExportTarget target) throws IOException {
    Objects.requireNonNull(byUser, "byUser");
    Objects.requireNonNull(target, "target");
    long rows = 0;
    try (ExportOutput out = target.open();
        Writer w = new OutputStreamWriter(new NonClosing(out), StandardCharsets.UTF_8);
        CSVPrinter csv =
            new CSVPrinter(
                w,
                CSVFormat.DEFAULT
                    .builder()
                    .setHeader("user_id", "rank", "item_id", "score")
                    .setRecordSeparator('\n')
                    .get())) {
      for (Map.Entry<String, ? extends List<Recommendation>> e : byUser.entrySet()) {
        String user = Objects.requireNonNull(e.getKey(), "user id");
        int rank = 0;
        for (Recommendation r : e.getValue()) {
          csv.printRecord(user, ++rank, r.itemId(), r.score());
          rows++;
        }
      }
      csv.flush();
      out.commit();
    }
    return new ExportReport(target.description(), rows, List.of(), List.of());
  }

  @Override
  public String toString() {
    return "AudienceExporter[minGroupSize="
        + minGroupSize
        + (unsafeMinimum ? " (unsafe allowed)" : "")
        + ", smallGroups="
        + smallGroupPolicy
        + "]";
  }

  /**
   * Keeps the CSV printer's close from closing (and so discarding) the output before the export
   * decides whether to commit it.
   */
  private static final class NonClosing extends java.io.FilterOutputStream {
    NonClosing(ExportOutput out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }

  /** Options of an {@link AudienceExporter}; {@link #get()} never changes the builder. */
  public static final class Builder {
    private int minGroupSize = KAnonymity.DEFAULT_K;
    private boolean unsafeMinimum;
    private SmallGroupPolicy smallGroupPolicy = SmallGroupPolicy.REFUSE;

    private Builder() {}

    /**
     * Groups with fewer distinct users are not exported (default 100). Values below the floor of 10
     * are refused unless {@link #allowUnsafeMinimum()} was called first.
     */
    public Builder setMinGroupSize(int minGroupSize) {
      this.minGroupSize = KAnonymity.checkK(minGroupSize, unsafeMinimum);
      return this;
    }

    /**
     * Allows a minimum group size below the floor of 10, down to 1, for data that is not about real
     * people (tests, synthetic data). Call it before {@link #setMinGroupSize(int)}.
     */
    public Builder allowUnsafeMinimum() {
      this.unsafeMinimum = true;
      return this;
    }

    /** What to do with small groups (default {@link SmallGroupPolicy#REFUSE}). */
    public Builder setSmallGroupPolicy(SmallGroupPolicy policy) {
      this.smallGroupPolicy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** The exporter. */
    public AudienceExporter get() {
      return new AudienceExporter(this);
    }
  }
}
