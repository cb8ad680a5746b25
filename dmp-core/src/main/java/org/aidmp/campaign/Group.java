package org.aidmp.campaign;

/** Whether a request was personalised by the optimizer or held out as the control group. */
public enum Group {
  /** Chosen by Thompson sampling. */
  TREATMENT,
  /** Held out: always served the control arm, so uplift can be measured against it. */
  CONTROL
}
