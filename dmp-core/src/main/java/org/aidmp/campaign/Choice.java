package org.aidmp.campaign;

/**
 * The arm chosen for one request; pass it back to {@link CampaignOptimizer#record(Choice, Outcome)}
 * with what happened.
 *
 * @param segment the segment the request came from (−1 when unknown)
 * @param armIndex the chosen arm's index in {@link CampaignConfig#arms()}
 * @param arm the chosen arm's name
 * @param group whether the request was personalised or held out as control
 * @param version the statistics version the choice was sampled from (outcomes recorded so far)
 */
public record Choice(int segment, int armIndex, String arm, Group group, long version) {}
