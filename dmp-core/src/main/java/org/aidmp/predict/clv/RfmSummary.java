package org.aidmp.predict.clv;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Per-customer frequency, recency, age and mean spend from a transaction log, as the BG/NBD and
 * Gamma-Gamma models take them. Transactions on one day count as one purchase (their values add
 * up); transactions after the calibration end are left out.
 *
 * <pre>{@code
 * RfmSummary rfm = RfmSummary.of(ids, epochDays, amounts, LocalDate.of(1997, 9, 30).toEpochDay(), 7);
 * }</pre>
 *
 * @param ids customer ids, in order of first appearance
 * @param frequency repeat purchase days (days with a purchase after the first)
 * @param recency time from the first to the last purchase day
 * @param age time from the first purchase day to the calibration end
 * @param monetary mean value of the repeat purchase days (0 when there are none)
 */
public record RfmSummary(
    List<String> ids, double[] frequency, double[] recency, double[] age, double[] monetary) {

  /** Copies the arrays. */
  public RfmSummary {
    ids = List.copyOf(ids);
    frequency = frequency.clone();
    recency = recency.clone();
    age = age.clone();
    monetary = monetary.clone();
  }

  /** Repeat purchases per customer. */
  @Override
  public double[] frequency() {
    return frequency.clone();
  }

  /** Time of the last purchase after the first, per customer. */
  @Override
  public double[] recency() {
    return recency.clone();
  }

  /** Time from the first purchase to the calibration end, per customer. */
  @Override
  public double[] age() {
    return age.clone();
  }

  /** Mean repeat-purchase value per customer. */
  @Override
  public double[] monetary() {
    return monetary.clone();
  }

  /**
   * Summarises a log.
   *
   * @param ids the customer of each transaction
   * @param days the day of each transaction (any integer day count, e.g. epoch days)
   * @param amounts the value of each transaction
   * @param calibrationEnd the last day of calibration, inclusive
   * @param daysPerUnit days in one time unit of the output (7 for weeks)
   */
  public static RfmSummary of(
      String[] ids, long[] days, double[] amounts, long calibrationEnd, double daysPerUnit) {
    Objects.requireNonNull(ids, "ids");
    Objects.requireNonNull(days, "days");
    Objects.requireNonNull(amounts, "amounts");
    if (ids.length != days.length || ids.length != amounts.length) {
      throw new IllegalArgumentException(
          "ids ("
              + ids.length
              + "), days ("
              + days.length
              + ") and amounts ("
              + amounts.length
              + ") differ in length");
    }
    if (!(daysPerUnit > 0)) {
      throw new IllegalArgumentException("daysPerUnit (" + daysPerUnit + ") must be positive");
    }
    Map<String, Integer> index = new HashMap<>();
    List<String> order = new ArrayList<>();
    List<Map<Long, Double>> perDay = new ArrayList<>();
    for (int i = 0; i < ids.length; i++) {
      if (days[i] > calibrationEnd) {
        continue;
      }
      Objects.requireNonNull(ids[i], "id at position " + i);
      Integer k = index.get(ids[i]);
      if (k == null) {
        k = order.size();
        index.put(ids[i], k);
        order.add(ids[i]);
        perDay.add(new HashMap<>());
      }
      perDay.get(k).merge(days[i], amounts[i], Double::sum);
    }
    int n = order.size();
    double[] f = new double[n];
    double[] r = new double[n];
    double[] t = new double[n];
    double[] m = new double[n];
    for (int k = 0; k < n; k++) {
      Map<Long, Double> map = perDay.get(k);
      long[] d = map.keySet().stream().mapToLong(Long::longValue).toArray();
      Arrays.sort(d);
      f[k] = d.length - 1;
      r[k] = (d[d.length - 1] - d[0]) / daysPerUnit;
      t[k] = (calibrationEnd - d[0]) / daysPerUnit;
      double s = 0;
      for (int j = 1; j < d.length; j++) {
        s += map.get(d[j]);
      }
      m[k] = d.length > 1 ? s / (d.length - 1) : 0;
    }
    return new RfmSummary(order, f, r, t, m);
  }
}
