package org.aidmp.clean;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.aidmp.data.BadRecordPolicy;

/**
 * What a pass of a {@link Cleaning} did: per rule, the rows it changed, rejected and skipped, and
 * in total the rows read, accepted, quarantined and skipped. Immutable.
 *
 * <pre>{@code
 * CleaningRun run = cleaning.apply(source);
 * run.forEach(sink::accept);
 * CleaningReport report = run.report();
 * System.out.println(report.format());
 * long dropped = report.rule("drop-duplicates").skipped();
 * }</pre>
 *
 * <p>The totals always balance: {@code read = accepted + quarantined + skipped}. A rejected row is
 * counted under its rule as rejected, and in the totals as quarantined (policy {@code QUARANTINE})
 * or skipped ({@code SKIP}); under {@code FAIL} the run stops at it and it is not counted. A row a
 * cleaner drops on purpose (a duplicate) is skipped under that cleaner. Rows a read stage rejected
 * itself (a source with {@link org.aidmp.data.Source#quarantinedRows()} or {@link
 * org.aidmp.data.Source#skippedRows()} above 0) come first, as rejected by that stage.
 */
public final class CleaningReport {
  /**
   * The counts of one rule.
   *
   * @param rule the rule's name
   * @param changed rows it changed
   * @param rejected rows it rejected (quarantined or skipped by the policy)
   * @param skipped rows it dropped on purpose, such as duplicates
   */
  public record RuleCounts(String rule, long changed, long rejected, long skipped) {
    /** Checks that the counts are not negative. */
    public RuleCounts {
      Objects.requireNonNull(rule, "rule");
      if (changed < 0 || rejected < 0 || skipped < 0) {
        throw new IllegalArgumentException(
            "rule '"
                + rule
                + "' has a negative count (changed "
                + changed
                + ", rejected "
                + rejected
                + ", skipped "
                + skipped
                + ")");
      }
    }
  }

  private final String source;
  private final BadRecordPolicy policy;
  private final List<RuleCounts> rules;
  private final long read;
  private final long accepted;
  private final long quarantined;
  private final long skipped;
  private final boolean complete;

  private CleaningReport(
      String source,
      BadRecordPolicy policy,
      List<RuleCounts> rules,
      long read,
      long accepted,
      long quarantined,
      long skipped,
      boolean complete) {
    this.source = Objects.requireNonNull(source, "source");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.rules = List.copyOf(rules);
    if (accepted < 0 || quarantined < 0 || skipped < 0) {
      throw new IllegalArgumentException(
          "negative total (accepted "
              + accepted
              + ", quarantined "
              + quarantined
              + ", skipped "
              + skipped
              + ")");
    }
    if (read != accepted + quarantined + skipped) {
      throw new IllegalArgumentException(
          "read ("
              + read
              + ") is not accepted ("
              + accepted
              + ") + quarantined ("
              + quarantined
              + ") + skipped ("
              + skipped
              + "); every row read must be counted once");
    }
    this.read = read;
    this.accepted = accepted;
    this.quarantined = quarantined;
    this.skipped = skipped;
    this.complete = complete;
  }

  /**
   * A report of the given counts; {@code read} is their sum.
   *
   * @param source description of the source
   * @param policy the policy the pass ran under
   * @param rules counts per rule, in pipeline order
   * @param accepted rows that came out of the last cleaner
   * @param quarantined rows put into the quarantine
   * @param skipped rows dropped, by a rule or by the policy
   * @param complete whether the pass read the whole source
   */
  public static CleaningReport of(
      String source,
      BadRecordPolicy policy,
      List<RuleCounts> rules,
      long accepted,
      long quarantined,
      long skipped,
      boolean complete) {
    return new CleaningReport(
        source,
        policy,
        rules,
        accepted + quarantined + skipped,
        accepted,
        quarantined,
        skipped,
        complete);
  }

  /**
   * This report with the rows a read stage rejected itself added: they count as read, and as
   * quarantined or skipped, and the stage is listed first among the rules.
   */
  CleaningReport plusReadStage(StageCounts stage) {
    Objects.requireNonNull(stage, "stage");
    List<RuleCounts> all = new ArrayList<>(rules.size() + 1);
    all.add(new RuleCounts(stage.stage(), 0, stage.quarantined() + stage.skipped(), 0));
    all.addAll(rules);
    return new CleaningReport(
        source,
        policy,
        all,
        read + stage.quarantined() + stage.skipped(),
        accepted,
        quarantined + stage.quarantined(),
        skipped + stage.skipped(),
        complete);
  }

  /** The description of the source. */
  public String source() {
    return source;
  }

  /** The policy for rejected rows. */
  public BadRecordPolicy policy() {
    return policy;
  }

  /** The counts per rule, in pipeline order. */
  public List<RuleCounts> rules() {
    return rules;
  }

  /**
   * The counts of the named rule.
   *
   * @throws IllegalArgumentException if no rule has that name, listing the names
   */
  public RuleCounts rule(String name) {
    for (RuleCounts r : rules) {
      if (r.rule().equals(name)) {
        return r;
      }
    }
    List<String> names = new ArrayList<>();
    rules.forEach(r -> names.add(r.rule()));
    throw new IllegalArgumentException("no rule '" + name + "'; the rules are " + names);
  }

  /** Rows read: {@code accepted + quarantined + skipped}. */
  public long read() {
    return read;
  }

  /** Rows that passed every cleaner. */
  public long accepted() {
    return accepted;
  }

  /** Rows put into the quarantine. */
  public long quarantined() {
    return quarantined;
  }

  /** Rows dropped, as duplicates or rejected under {@code SKIP}. */
  public long skipped() {
    return skipped;
  }

  /** Whether the pass read the whole source; {@code false} for a snapshot taken mid-pass. */
  public boolean complete() {
    return complete;
  }

  /** A table for the console: a line per rule, then the totals. */
  public String format() {
    int w = "rule".length();
    for (RuleCounts r : rules) {
      w = Math.max(w, r.rule().length());
    }
    String row = "%-" + w + "s %12s %12s %12s%n";
    StringBuilder sb = new StringBuilder();
    sb.append("cleaning ")
        .append(source)
        .append(" (policy ")
        .append(policy)
        .append(complete ? "" : ", incomplete")
        .append(")")
        .append(System.lineSeparator());
    sb.append(String.format(Locale.ROOT, row, "rule", "changed", "rejected", "skipped"));
    for (RuleCounts r : rules) {
      sb.append(String.format(Locale.ROOT, row, r.rule(), r.changed(), r.rejected(), r.skipped()));
    }
    sb.append(
        String.format(
            Locale.ROOT,
            "read %d = accepted %d + quarantined %d + skipped %d%n",
            read,
            accepted,
            quarantined,
            skipped));
    return sb.toString();
  }

  /** The same as {@link #format()}. */
  @Override
  public String toString() {
    return format();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CleaningReport r
        && r.source.equals(source)
        && r.policy == policy
        && r.rules.equals(rules)
        && r.read == read
        && r.accepted == accepted
        && r.quarantined == quarantined
        && r.skipped == skipped
        && r.complete == complete;
  }

  @Override
  public int hashCode() {
    return Objects.hash(source, policy, rules, read, accepted, quarantined, skipped, complete);
  }
}
