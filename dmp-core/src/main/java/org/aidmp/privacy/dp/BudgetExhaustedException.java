package org.aidmp.privacy.dp;

/**
 * Thrown when a release would spend more privacy loss than its {@link PrivacyBudget} has left;
 * nothing was released and nothing was spent.
 *
 * <pre>{@code
 * try {
 *   release.segmentSizes(sizes, Epsilon.of(0.5));
 * } catch (BudgetExhaustedException e) {
 *   show(lastPublishedSizes);   // publish nothing new
 * }
 * }</pre>
 */
public class BudgetExhaustedException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  /** With a message naming the release, its epsilon and what is left. */
  public BudgetExhaustedException(String message) {
    super(message);
  }
}
