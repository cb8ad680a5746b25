package org.aidmp.internal.privacy;

import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * The minimum-group-size rule shared by every output that publishes groups of users (audience
 * exports, the segment report): a group is shown only if it holds at least k <em>distinct</em>
 * users.
 *
 * <pre>{@code
 * int k = KAnonymity.checkK(requested, unsafeAllowed);   // refuses 5 unless unsafe is allowed
 * boolean show = KAnonymity.distinct(members) >= k;      // a user listed 100 times counts once
 * }</pre>
 *
 * <p>The default k is {@value #DEFAULT_K}. Below the floor of {@value #FLOOR} a group is small
 * enough to single people out with a little outside knowledge, so such a k is refused unless the
 * caller says explicitly that it accepts the risk (a test, a synthetic data set).
 */
public final class KAnonymity {
  /** The default minimum number of distinct users in a published group. */
  public static final int DEFAULT_K = 100;

  /** The smallest k accepted without an explicit unsafe flag. */
  public static final int FLOOR = 10;

  private KAnonymity() {}

  /**
   * Checks a requested k.
   *
   * @param k the requested minimum group size
   * @param unsafeAllowed whether the caller explicitly allowed a k below {@link #FLOOR}
   * @return {@code k}
   * @throws IllegalArgumentException if {@code k < 1}, or {@code k < FLOOR} without the flag
   */
  public static int checkK(int k, boolean unsafeAllowed) {
    if (k < 1) {
      throw new IllegalArgumentException("minGroupSize (" + k + ") must be at least 1");
    }
    if (k < FLOOR && !unsafeAllowed) {
      throw new IllegalArgumentException(
          "minGroupSize ("
              + k
              + ") is below the floor of "
              + FLOOR
              + ", small enough to single people out; use "
              + FLOOR
              + " or more, or call allowUnsafeMinimum() first if the data is not about real people");
    }
    return k;
  }

  /** The number of distinct elements (user ids) in {@code members}. */
  public static <T> int distinct(Iterable<T> members) {
    Set<T> seen = new HashSet<>();
    for (T m : members) {
      seen.add(Objects.requireNonNull(m, "member"));
    }
    return seen.size();
  }
}
