package org.aidmp.state;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What one retention pass removed: events per type, attributes per name, how many users lost part
 * of their data and how many were left with nothing (and so were forgotten), plus what the other
 * parts removed for those users. It holds no user id, so it may be kept, logged and shown to
 * auditors.
 *
 * <pre>{@code
 * ExpiryReceipt r = result.expire(retention, Instant.now());
 * System.out.println(r.eventsRemoved() + " " + r.usersEmptied() + " users gone");
 * }</pre>
 *
 * @param asOf the time the TTLs were measured against
 * @param took how long the pass took
 * @param eventsByType events removed per event type, in order of first removal
 * @param attributesByName attribute values removed per attribute name, in order of first removal
 * @param usersTrimmed users who kept a profile but lost some of it
 * @param usersEmptied users with nothing left, removed from the store (and from the parts in {@code
 *     partsRemoved})
 * @param partsRemoved entries removed from other parts for the emptied users, per part name; empty
 *     when the pass ran on a store alone
 */
public record ExpiryReceipt(
    Instant asOf,
    Duration took,
    Map<String, Long> eventsByType,
    Map<String, Long> attributesByName,
    long usersTrimmed,
    long usersEmptied,
    Map<String, Long> partsRemoved) {
  /** Checks the values and copies the maps, keeping their order. */
  public ExpiryReceipt {
    Objects.requireNonNull(asOf, "asOf");
    Objects.requireNonNull(took, "took");
    eventsByType = copy(eventsByType, "eventsByType");
    attributesByName = copy(attributesByName, "attributesByName");
    partsRemoved = copy(partsRemoved, "partsRemoved");
    if (usersTrimmed < 0 || usersEmptied < 0) {
      throw new IllegalArgumentException(
          "usersTrimmed ("
              + usersTrimmed
              + ") and usersEmptied ("
              + usersEmptied
              + ") must be >= 0");
    }
  }

  private static Map<String, Long> copy(Map<String, Long> m, String what) {
    Objects.requireNonNull(m, what);
    return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(m));
  }

  /** The number of events removed, over all types. */
  public long eventsRemoved() {
    long n = 0;
    for (long v : eventsByType.values()) {
      n += v;
    }
    return n;
  }

  /** The number of attribute values removed, over all names. */
  public long attributesRemoved() {
    long n = 0;
    for (long v : attributesByName.values()) {
      n += v;
    }
    return n;
  }

  /** Whether the pass removed anything. */
  public boolean any() {
    return usersTrimmed > 0 || usersEmptied > 0;
  }

  /** This receipt with the other parts' removals (for the emptied users) added. */
  public ExpiryReceipt withParts(Map<String, Long> parts, Duration took) {
    return new ExpiryReceipt(
        asOf, took, eventsByType, attributesByName, usersTrimmed, usersEmptied, parts);
  }
}
