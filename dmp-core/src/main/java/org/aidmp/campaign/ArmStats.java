package org.aidmp.campaign;

/**
 * What one arm did in one segment and group. Rates are per impression and {@code NaN} with no
 * impressions; uplift fields are {@code NaN} for control rows and when either side has no
 * impressions.
 *
 * @param segment the segment, −1 for unknown, or {@link CampaignReport#ALL_SEGMENTS} for totals
 * @param arm the arm's name
 * @param group treatment (chosen by sampling) or control (held out)
 * @param served how many requests were given this arm
 * @param impressions impressions recorded
 * @param clicks clicks recorded
 * @param conversions conversions recorded
 * @param trafficShare served / all requests served in the segment (both groups)
 * @param clickRate clicks / impressions
 * @param conversionRate conversions / impressions
 * @param uplift objective rate minus the control group's objective rate in the same segment
 * @param upliftLow lower end of the uplift's confidence interval (Newcombe, Wilson-based)
 * @param upliftHigh upper end of the uplift's confidence interval
 */
public record ArmStats(
    int segment,
    String arm,
    Group group,
    long served,
    long impressions,
    long clicks,
    long conversions,
    double trafficShare,
    double clickRate,
    double conversionRate,
    double uplift,
    double upliftLow,
    double upliftHigh) {}
