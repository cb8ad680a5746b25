package org.aidmp.privacy;

import java.util.Locale;
import java.util.Set;

/**
 * A user's answer for one purpose.
 *
 * <pre>{@code
 * ConsentStatus s = ConsentStatus.parse(profile.attribute("consent_advertising"));
 * if (s == ConsentStatus.UNKNOWN) { ... ask, or apply the policy's default ... }
 * }</pre>
 *
 * <p>{@link #parse(Object)} reads the values that consent columns hold in practice:
 *
 * <ul>
 *   <li>{@link #GRANTED}: {@code Boolean.TRUE}; the number 1 (of any numeric type); the texts
 *       {@code true}, {@code yes}, {@code y}, {@code 1}, {@code granted}, {@code opt-in}, {@code
 *       opt_in}, {@code optin}, {@code on}, {@code accepted};
 *   <li>{@link #REFUSED}: {@code Boolean.FALSE}; the number 0 (of any numeric type); the texts
 *       {@code false}, {@code no}, {@code n}, {@code 0}, {@code refused}, {@code denied}, {@code
 *       opt-out}, {@code opt_out}, {@code optout}, {@code off}, {@code revoked}, {@code withdrawn};
 *   <li>{@link #UNKNOWN}: {@code null}, blank text, and everything else, such as {@code "maybe"} or
 *       {@code 2}.
 * </ul>
 *
 * Texts are compared after trimming, ignoring case. An unreadable value is never taken as consent.
 */
public enum ConsentStatus {
  /** The user agreed. */
  GRANTED,
  /** The user refused or withdrew consent. */
  REFUSED,
  /** No readable answer; the {@link ConsentPolicy} decides what it means. */
  UNKNOWN;

  private static final Set<String> YES =
      Set.of("true", "yes", "y", "1", "granted", "opt-in", "opt_in", "optin", "on", "accepted");
  private static final Set<String> NO =
      Set.of(
          "false",
          "no",
          "n",
          "0",
          "refused",
          "denied",
          "opt-out",
          "opt_out",
          "optout",
          "off",
          "revoked",
          "withdrawn");

  /**
   * Reads a stored consent value; see the class comment for the accepted spellings.
   *
   * @param value a {@link Boolean}, a {@link Number}, text, or {@code null}
   * @return the status; {@link #UNKNOWN} for anything it cannot read
   */
  public static ConsentStatus parse(Object value) {
    if (value instanceof Boolean b) {
      return b ? GRANTED : REFUSED;
    }
    if (value instanceof Number n) {
      double d = n.doubleValue();
      return d == 1 ? GRANTED : d == 0 ? REFUSED : UNKNOWN;
    }
    if (value instanceof CharSequence cs) {
      String s = cs.toString().trim().toLowerCase(Locale.ROOT);
      if (YES.contains(s)) {
        return GRANTED;
      }
      if (NO.contains(s)) {
        return REFUSED;
      }
    }
    return UNKNOWN;
  }
}
