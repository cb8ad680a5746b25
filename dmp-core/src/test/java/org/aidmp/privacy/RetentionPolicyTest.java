package org.aidmp.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.aidmp.data.BadRecordPolicy;
import org.aidmp.data.Record;
import org.aidmp.data.Schema;
import org.aidmp.data.Source;
import org.aidmp.profile.Event;
import org.aidmp.profile.ProfileStore;
import org.junit.jupiter.api.Test;

class RetentionPolicyTest {
  private static final long DAY = 86_400_000L;
  private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  private static final RetentionPolicy POLICY =
      RetentionPolicy.builder()
          .setEventTtl("view", Duration.ofDays(30))
          .setDefaultEventTtl(Duration.ofDays(365))
          .setAttributeTtl("email", Duration.ofDays(90))
          .get();

  private static ProfileStore store() {
    long now = NOW.toEpochMilli();
    ProfileStore s = ProfileStore.create();
    // old: views long ago, a purchase 200 days ago, active 200 days ago
    s.accept(new Event("old", now - 400 * DAY, "view"));
    s.accept(new Event("old", now - 200 * DAY, "buy"));
    // fresh: a view yesterday
    s.accept(new Event("fresh", now - DAY, "view"));
    // gone: everything past its TTL
    s.accept(new Event("gone", now - 40 * DAY, "view"));
    Schema a = Schema.ofStrings(List.of("id", "email", "country"));
    s.joinAttributes(
        Source.of(
            a,
            "users",
            List.of(
                Record.of(a, "old", "o@x", "FR"),
                Record.of(a, "fresh", "f@x", "DE"),
                Record.of(a, "gone", "g@x", null),
                Record.of(a, "quiet", "q@x", "IT"))),
        "id",
        BadRecordPolicy.FAIL,
        null);
    return s;
  }

  @Test
  void reportsExpiredTypesAttributesAndWholeProfiles() {
    ProfileStore s = store();
    RetentionPolicy.Expired old = POLICY.expired(s.get("old").orElseThrow(), CLOCK);
    assertEquals(List.of("view"), old.eventTypes());
    assertEquals(List.of("email"), old.attributes());
    assertFalse(old.wholeProfile());
    assertTrue(old.any());

    RetentionPolicy.Expired fresh = POLICY.expired(s.get("fresh").orElseThrow(), CLOCK);
    assertFalse(fresh.any());

    RetentionPolicy.Expired gone = POLICY.expired(s.get("gone").orElseThrow(), CLOCK);
    assertEquals(List.of("view"), gone.eventTypes());
    assertEquals(List.of(), gone.attributes()); // active 40 days ago: email kept 90
    assertFalse(gone.wholeProfile());

    RetentionPolicy.Expired quiet = POLICY.expired(s.get("quiet").orElseThrow(), CLOCK);
    assertEquals(List.of("email"), quiet.attributes()); // no activity: no evidence it is recent
    assertFalse(quiet.wholeProfile()); // country has no TTL
  }

  @Test
  void aProfileWithNothingLeftIsExpiredWhole() {
    RetentionPolicy all = POLICY.toBuilder().setDefaultAttributeTtl(Duration.ofDays(30)).get();
    ProfileStore s = store();
    Clock later = Clock.offset(CLOCK, Duration.ofDays(400));
    assertTrue(all.expired(s.get("gone").orElseThrow(), later).wholeProfile());
    assertTrue(all.expired(s.get("fresh").orElseThrow(), later).wholeProfile());
    assertFalse(all.expired(s.get("fresh").orElseThrow(), CLOCK).any());
  }

  @Test
  void singleEventsAndCutoffs() {
    long now = NOW.toEpochMilli();
    assertTrue(POLICY.eventExpired("view", now - 31 * DAY, CLOCK));
    assertFalse(POLICY.eventExpired("view", now - 29 * DAY, CLOCK));
    assertFalse(POLICY.eventExpired("buy", now - 300 * DAY, CLOCK));
    assertEquals(NOW.minus(Duration.ofDays(30)), POLICY.eventCutoff("view", CLOCK).orElseThrow());
    assertFalse(RetentionPolicy.KEEP_ALL.eventExpired("view", 0, CLOCK));
    assertTrue(RetentionPolicy.KEEP_ALL.eventCutoff("view", CLOCK).isEmpty());
    assertEquals(Duration.ofDays(90), POLICY.attributeTtl("email").orElseThrow());
    assertTrue(POLICY.attributeTtl("country").isEmpty());
  }

  @Test
  void ttlsMustBePositive() {
    assertThrows(
        IllegalArgumentException.class,
        () -> RetentionPolicy.builder().setEventTtl("view", Duration.ZERO));
    assertThrows(
        IllegalArgumentException.class,
        () -> RetentionPolicy.builder().setAttributeTtl("email", Duration.ofDays(-1)));
    assertThrows(
        IllegalArgumentException.class,
        () -> RetentionPolicy.builder().setEventTtl(" ", Duration.ofDays(1)));
  }

  @Test
  void cutoffsAtATimeFeedTheStore() {
    Instant now = Instant.parse("2026-06-30T00:00:00Z");
    RetentionPolicy p =
        RetentionPolicy.builder()
            .setEventTtl("view", Duration.ofDays(90))
            .setAttributeTtl("email", Duration.ofDays(1))
            .get();
    ProfileStore.Expiry e = p.at(now);
    assertEquals(now, e.asOf());
    assertEquals(now.minus(Duration.ofDays(90)).toEpochMilli(), e.eventCutoff("view"));
    assertEquals(Long.MIN_VALUE, e.eventCutoff("buy"), "no TTL: never expires");
    assertEquals(now.minus(Duration.ofDays(1)).toEpochMilli(), e.attributeCutoff("email"));
    assertEquals(Long.MIN_VALUE, e.attributeCutoff("age"));
    assertTrue(
        RetentionPolicy.builder()
                .setDefaultEventTtl(Duration.ofSeconds(Long.MAX_VALUE))
                .get()
                .at(now)
                .eventCutoff("x")
            > Long.MIN_VALUE,
        "a TTL beyond the millisecond range saturates and still means: expires");

    ProfileStore store = ProfileStore.create();
    store.accept(new Event("a", now.minus(Duration.ofDays(91)).toEpochMilli(), "view"));
    store.accept(new Event("a", now.minus(Duration.ofDays(89)).toEpochMilli(), "buy"));
    store.accept(new Event("b", now.minus(Duration.ofDays(89)).toEpochMilli(), "view"));
    assertEquals(1, store.expire(e).eventsRemoved());
    assertEquals(0, store.get("a").orElseThrow().count("view"));
    assertEquals(1, store.get("b").orElseThrow().count("view"));
  }
}
