package org.aidmp.io.export;

/**
 * What an export does with a group of fewer distinct users than the minimum export size.
 *
 * <pre>{@code
 * AudienceExporter.builder().setSmallGroupPolicy(SmallGroupPolicy.OMIT).get();
 * }</pre>
 */
public enum SmallGroupPolicy {
  /** Refuse the whole export, writing nothing. */
  REFUSE,
  /** Leave small groups out and export the rest; the report lists what was left out. */
  OMIT
}
