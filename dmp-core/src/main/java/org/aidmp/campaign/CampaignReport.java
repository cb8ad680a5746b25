package org.aidmp.campaign;

import java.util.ArrayList;
import java.util.List;

/**
 * Per segment and arm: traffic share, rates and uplift over the control group with a confidence
 * interval, from one consistent cut of the statistics.
 *
 * <pre>{@code
 * CampaignReport report = optimizer.report();
 * for (ArmStats row : report.rows()) {
 *   System.out.printf("%d %s %s share=%.2f ctr=%.4f uplift=%+.4f [%+.4f, %+.4f]%n", row.segment(),
 *       row.arm(), row.group(), row.trafficShare(), row.clickRate(), row.uplift(),
 *       row.upliftLow(), row.upliftHigh());
 * }
 * }</pre>
 */
public final class CampaignReport {
  /** The segment value of rows summed over all segments. */
  public static final int ALL_SEGMENTS = Integer.MIN_VALUE;

  private final long version;
  private final List<ArmStats> rows;
  private final List<ArmStats> totals;
  private final List<Uplift> personalisation;

  private CampaignReport(
      long version, List<ArmStats> rows, List<ArmStats> totals, List<Uplift> personalisation) {
    this.version = version;
    this.rows = List.copyOf(rows);
    this.totals = List.copyOf(totals);
    this.personalisation = List.copyOf(personalisation);
  }

  static CampaignReport of(CampaignState snap) {
    CampaignConfig config = snap.config();
    int arms = config.arms().size();
    int slots = snap.slots();
    List<ArmStats> rows = new ArrayList<>();
    List<Uplift> personal = new ArrayList<>();
    long[][] sum = new long[4][2 * arms];
    for (int s = 0; s < slots; s++) {
      int segment = s == slots - 1 ? CampaignOptimizer.UNKNOWN_SEGMENT : s;
      long[][] c = snap.counts(s);
      for (int k = 0; k < 4; k++) {
        for (int i = 0; i < 2 * arms; i++) {
          sum[k][i] += c[k][i];
        }
      }
      addRows(rows, segment, c, config);
      personal.add(personalisation(c, config));
    }
    List<ArmStats> totals = new ArrayList<>();
    addRows(totals, ALL_SEGMENTS, sum, config);
    personal.add(personalisation(sum, config));
    return new CampaignReport(snap.version(), rows, totals, personal);
  }

  private static void addRows(List<ArmStats> out, int segment, long[][] c, CampaignConfig config) {
    int arms = config.arms().size();
    long servedAll = 0;
    for (long v : c[0]) {
      servedAll += v;
    }
    int ctl = arms + config.controlArm();
    long controlImpr = c[1][ctl];
    long controlSucc = successes(c, ctl, config);
    for (int g = 0; g < 2; g++) {
      Group group = g == 0 ? Group.TREATMENT : Group.CONTROL;
      for (int a = 0; a < arms; a++) {
        int i = g * arms + a;
        if (group == Group.CONTROL && a != config.controlArm()) {
          continue;
        }
        long impr = c[1][i];
        Uplift u =
            group == Group.CONTROL || config.controlShare() == 0
                ? new Uplift(Double.NaN, Double.NaN, Double.NaN)
                : Uplift.of(
                    Math.min(successes(c, i, config), impr),
                    impr,
                    Math.min(controlSucc, controlImpr),
                    controlImpr,
                    config.confidence());
        out.add(
            new ArmStats(
                segment,
                config.arms().get(a),
                group,
                c[0][i],
                impr,
                c[2][i],
                c[3][i],
                servedAll == 0 ? Double.NaN : (double) c[0][i] / servedAll,
                rate(c[2][i], impr),
                rate(c[3][i], impr),
                u.difference(),
                u.low(),
                u.high()));
      }
    }
  }

  /** The treatment group as a whole against control: the value of personalising at all. */
  private static Uplift personalisation(long[][] c, CampaignConfig config) {
    int arms = config.arms().size();
    long impr = 0;
    long succ = 0;
    for (int a = 0; a < arms; a++) {
      impr += c[1][a];
      succ += Math.min(successes(c, a, config), c[1][a]);
    }
    int ctl = arms + config.controlArm();
    long cImpr = c[1][ctl];
    long cSucc = Math.min(successes(c, ctl, config), cImpr);
    return Uplift.of(succ, impr, cSucc, cImpr, config.confidence());
  }

  private static long successes(long[][] c, int i, CampaignConfig config) {
    return config.objective() == Outcome.CLICK ? c[2][i] : c[3][i];
  }

  private static double rate(long k, long n) {
    return n == 0 ? Double.NaN : (double) k / n;
  }

  /** The statistics version the report was made from. */
  public long version() {
    return version;
  }

  /**
   * One row per segment (0 .. n − 1, then −1 for unknown), arm and group: every arm in the
   * treatment group, then the control arm in the control group.
   */
  public List<ArmStats> rows() {
    return rows;
  }

  /** The rows of one segment (−1 for unknown). */
  public List<ArmStats> rows(int segment) {
    return rows.stream().filter(r -> r.segment() == segment).toList();
  }

  /** The same rows summed over all segments; their segment is {@link #ALL_SEGMENTS}. */
  public List<ArmStats> totals() {
    return totals;
  }

  /**
   * The uplift of the whole treatment group over control in a segment (−1 for unknown, {@link
   * #ALL_SEGMENTS} for all): what personalisation bought.
   */
  public Uplift personalisationUplift(int segment) {
    if (segment == ALL_SEGMENTS) {
      return personalisation.get(personalisation.size() - 1);
    }
    int slots = personalisation.size() - 1;
    int slot = segment == CampaignOptimizer.UNKNOWN_SEGMENT ? slots - 1 : segment;
    if (slot < 0 || slot >= slots - (segment == CampaignOptimizer.UNKNOWN_SEGMENT ? 0 : 1)) {
      throw new IllegalArgumentException(
          "segment (" + segment + ") is outside [0, " + (slots - 1) + ") and not -1 or ALL");
    }
    return personalisation.get(slot);
  }
}
