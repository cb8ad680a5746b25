package org.aidmp.campaign;

/**
 * What happened after an arm was shown. Rates are per impression: a click or conversion recorded
 * without an impression still counts, so callers record the impression first. {@link #CLICK} and
 * {@link #CONVERSION} also name the rate a campaign maximises ({@link
 * CampaignConfig.Builder#setObjective(Outcome)}).
 */
public enum Outcome {
  /** The arm was shown. */
  IMPRESSION,
  /** The user clicked it. */
  CLICK,
  /** The user converted (bought, signed up) after it. */
  CONVERSION
}
