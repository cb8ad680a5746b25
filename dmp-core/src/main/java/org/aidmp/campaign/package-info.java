/**
 * Campaign feedback: a {@link org.aidmp.campaign.CampaignOptimizer} that picks an arm (creative,
 * offer) per segment by seeded Thompson sampling on Beta posteriors, holds out a control group, and
 * reports rates, uplift over control with confidence intervals, and traffic shares; it saves and
 * restores itself ({@code writeTo}, {@code read}) so that a restart continues the same sequence.
 */
package org.aidmp.campaign;
