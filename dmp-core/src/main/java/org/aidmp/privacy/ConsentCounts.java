package org.aidmp.privacy;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How many users granted, refused or gave no answer for each purpose, and how many of them the
 * policy allows: the consent section of a report.
 *
 * <pre>{@code
 * ConsentCounts counts = registry.counts(store, List.of(Purpose.ANALYTICS, Purpose.ADVERTISING));
 * long refused = counts.count(Purpose.ADVERTISING, ConsentStatus.REFUSED);
 * System.out.println(counts);   // one line per purpose
 * }</pre>
 *
 * <p>Immutable. Counts only; no user is named.
 */
public final class ConsentCounts {
  private final Map<Purpose, long[]> counts;

  private ConsentCounts(Map<Purpose, long[]> counts) {
    this.counts = counts;
  }

  /** The purposes counted, in the order given. */
  public Set<Purpose> purposes() {
    return Collections.unmodifiableSet(counts.keySet());
  }

  /** Users with {@code status} for {@code purpose}; 0 for a purpose not counted. */
  public long count(Purpose purpose, ConsentStatus status) {
    long[] c = counts.get(purpose);
    return c == null ? 0 : c[status.ordinal()];
  }

  /** Users the policy allows for {@code purpose} (granted, plus unknown where that is allowed). */
  public long allowed(Purpose purpose) {
    long[] c = counts.get(purpose);
    return c == null ? 0 : c[3];
  }

  /** Users counted for {@code purpose}. */
  public long total(Purpose purpose) {
    long[] c = counts.get(purpose);
    return c == null ? 0 : c[0] + c[1] + c[2];
  }

  /** One line per purpose: granted, refused, unknown, allowed. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<Purpose, long[]> e : counts.entrySet()) {
      long[] c = e.getValue();
      sb.append(e.getKey())
          .append(": granted ")
          .append(c[0])
          .append(", refused ")
          .append(c[1])
          .append(", unknown ")
          .append(c[2])
          .append(", allowed ")
          .append(c[3])
          .append('\n');
    }
    return sb.toString();
  }

  /** Adds answers one at a time; not thread-safe. */
  static final class Tally {
    private final ConsentPolicy policy;
    private final Map<Purpose, long[]> counts = new LinkedHashMap<>();

    Tally(ConsentPolicy policy, Iterable<Purpose> purposes) {
      this.policy = policy;
      for (Purpose p : purposes) {
        counts.put(Objects.requireNonNull(p, "purpose"), new long[4]);
      }
    }

    Iterable<Purpose> purposes() {
      return counts.keySet();
    }

    void add(Purpose purpose, ConsentStatus status) {
      long[] c = counts.get(purpose);
      c[status.ordinal()]++;
      if (policy.allows(status, purpose)) {
        c[3]++;
      }
    }

    ConsentCounts get() {
      Map<Purpose, long[]> copy = new LinkedHashMap<>();
      counts.forEach((p, c) -> copy.put(p, c.clone()));
      return new ConsentCounts(copy);
    }
  }
}
