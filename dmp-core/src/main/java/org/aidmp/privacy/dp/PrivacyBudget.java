package org.aidmp.privacy.dp;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A privacy-loss accountant under sequential composition: releases about the same users add up
 * their epsilons, and once the total is reached every further release is refused.
 *
 * <pre>{@code
 * PrivacyBudget budget = PrivacyBudget.of(Epsilon.of(1));
 * budget.spend(Epsilon.of(0.5), "segment sizes");
 * budget.spend(Epsilon.of(0.5), "campaign counts");
 * budget.spend(Epsilon.of(0.1), "persona means");   // throws BudgetExhaustedException
 * }</pre>
 *
 * <p>Sums are exact fractions, so ten spends of 0.1 use exactly 1. Thread-safe: two releases racing
 * for the last of the budget cannot both get it.
 */
public final class PrivacyBudget {
  private final Epsilon total;
  private Epsilon spent = Epsilon.ZERO;
  private final List<Spend> ledger = new ArrayList<>();

  private PrivacyBudget(Epsilon total) {
    this.total = total;
  }

  /** A budget of {@code total}, nothing spent. */
  public static PrivacyBudget of(Epsilon total) {
    return new PrivacyBudget(Objects.requireNonNull(total, "total"));
  }

  /** The whole budget. */
  public Epsilon total() {
    return total;
  }

  /** What has been spent so far. */
  public synchronized Epsilon spent() {
    return spent;
  }

  /** What is left. */
  public synchronized Epsilon remaining() {
    return total.minus(spent);
  }

  /** The spends so far, oldest first. */
  public synchronized List<Spend> ledger() {
    return List.copyOf(ledger);
  }

  /**
   * Spends {@code epsilon} on the release named {@code label}, or refuses.
   *
   * @throws BudgetExhaustedException if less than {@code epsilon} is left; nothing is spent then
   */
  public synchronized void spend(Epsilon epsilon, String label) {
    if (!trySpend(epsilon, label)) {
      throw new BudgetExhaustedException(
          "release '"
              + label
              + "' needs epsilon "
              + epsilon
              + " but only "
              + remaining()
              + " of "
              + total
              + " is left; publish an earlier release again or start a new budget period");
    }
  }

  /** Spends {@code epsilon} if that much is left; returns whether it did. */
  public synchronized boolean trySpend(Epsilon epsilon, String label) {
    Objects.requireNonNull(epsilon, "epsilon");
    Objects.requireNonNull(label, "label");
    Epsilon after = spent.plus(epsilon);
    if (after.compareTo(total) > 0) {
      return false;
    }
    spent = after;
    ledger.add(new Spend(label, epsilon));
    return true;
  }

  @Override
  public synchronized String toString() {
    return "PrivacyBudget[spent " + spent + " of " + total + " in " + ledger.size() + " releases]";
  }

  /**
   * One release paid for.
   *
   * @param label what was released
   * @param epsilon what it cost
   */
  public record Spend(String label, Epsilon epsilon) {}
}
