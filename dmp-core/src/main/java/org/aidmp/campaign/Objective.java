package org.aidmp.campaign;

/** Which rate Thompson sampling maximises and the uplift report compares. */
public enum Objective {
  /** Clicks per impression. */
  CLICK_RATE,
  /** Conversions per impression. */
  CONVERSION_RATE
}
