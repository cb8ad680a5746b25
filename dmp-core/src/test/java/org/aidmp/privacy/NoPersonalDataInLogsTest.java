package org.aidmp.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.aidmp.clean.Cleaners;
import org.aidmp.clean.Cleaning;
import org.aidmp.clean.ConvertTypes;
import org.aidmp.data.BadRecordPolicy;
import org.aidmp.data.ColumnType;
import org.aidmp.data.Quarantine;
import org.aidmp.data.QuarantinedRecord;
import org.aidmp.data.Record;
import org.aidmp.data.Schema;
import org.aidmp.data.Source;
import org.aidmp.feedback.FeatureEncoder;
import org.aidmp.feedback.FeedbackConfig;
import org.aidmp.feedback.FeedbackUpdater;
import org.aidmp.privacy.dp.DpRelease;
import org.aidmp.privacy.dp.Epsilon;
import org.aidmp.privacy.dp.PrivacyBudget;
import org.aidmp.profile.Event;
import org.aidmp.profile.EventMapping;
import org.aidmp.profile.ProfileStore;
import org.aidmp.testing.LogCapture;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * Runs the fault scenarios reachable in this module with known ids and values, capturing every log
 * line, and checks that none of them shows up in a log line, an exception message (causes and
 * suppressed included) or a quarantine reason.
 */
class NoPersonalDataInLogsTest {
  private static final String USER = "pii-user-7731";
  private static final String REFUSER = "pii-user-8842";
  private static final String REVOKER = "pii-user-9953";
  private static final String EMAIL = "pii-mail-4409@example.com";
  private static final String BAD_AMOUNT = "pii-amount-x5150";
  private static final String BAD_TS = "pii-ts-31337";
  private static final String BAD_TYPE = "pii-type-6226";
  private static final String BAD_AGE = "pii-age-minus7";
  private static final String COUNTRY = "pii-country-Atlantis";
  private static final List<String> SECRETS =
      List.of(USER, REFUSER, REVOKER, EMAIL, BAD_AMOUNT, BAD_TS, BAD_TYPE, BAD_AGE, COUNTRY);
  private static final byte[] KEY = "pii-key-0123456789abcdef0123456789".getBytes();

  private final List<String> problems = new ArrayList<>();

  private void attempt(Runnable r) {
    try {
      r.run();
    } catch (Throwable t) {
      problems.add(LogCapture.describe(t));
    }
  }

  @Test
  void faultScenariosNameNoUserAndNoValue() {
    assertTrue(LogCapture.installed(), "the capturing SLF4J backend must be in use");
    List<QuarantinedRecord> quarantined = new ArrayList<>();
    List<String> lines;
    try (LogCapture logs = LogCapture.start()) {
      badEvents(quarantined);
      badRecordsThroughCleaning(quarantined);
      consentRefusalsOnTheLivePath(quarantined);
      privacyMachinery();
      lines = logs.lines();
    }
    assertTrue(problems.size() >= 10, "the scenarios should fail loudly: " + problems.size());
    assertTrue(quarantined.size() >= 8, "the scenarios should quarantine rows: " + quarantined);
    List<String> seen = new ArrayList<>(lines);
    seen.addAll(problems);
    for (QuarantinedRecord q : quarantined) {
      seen.add(q.reason() + " | " + q.column() + " | " + q.rule() + " | " + q);
    }
    for (String text : seen) {
      for (String secret : SECRETS) {
        assertFalse(text.contains(secret), "'" + secret + "' appears in: " + text);
      }
      assertFalse(text.contains("pii-key"), "the key appears in: " + text);
    }
  }

  private static final Schema EVENTS = Schema.ofStrings(List.of("user_id", "ts", "type", "amount"));

  private void badEvents(List<QuarantinedRecord> quarantined) {
    List<Record> rows =
        List.of(
            Record.of(EVENTS, USER, "2026-01-01T00:00:00Z", "buy", "12.5"),
            Record.of(EVENTS, USER, BAD_TS, "buy", "1"),
            Record.of(EVENTS, USER, "2026-01-01T00:00:00Z", BAD_TYPE, "1"),
            Record.of(EVENTS, USER, "2026-01-01T00:00:00Z", "buy", BAD_AMOUNT),
            Record.of(EVENTS, new Object[] {null, "2026-01-01T00:00:00Z", "buy", "1"}),
            Record.of(EVENTS, "", EMAIL, "view", "1"));
    EventMapping mapping =
        EventMapping.builder()
            .setUserIdColumn("user_id")
            .setTimestampColumn("ts")
            .setTypeColumn("type")
            .setValueColumn("amount")
            .setAllowedTypes(List.of("buy", "view"))
            .get();
    for (BadRecordPolicy policy : BadRecordPolicy.values()) {
      Quarantine.InMemory q = Quarantine.inMemory();
      attempt(
          () ->
              ProfileStore.create()
                  .ingest(
                      Source.of(EVENTS, "events.csv", rows), mapping, policy, q, (t, d, n) -> {}));
      quarantined.addAll(q.records());
    }
    for (Record r : rows) {
      attempt(() -> mapping.map(r));
    }
  }

  private void badRecordsThroughCleaning(List<QuarantinedRecord> quarantined) {
    Schema raw = Schema.ofStrings(List.of("user_id", "email", "age", "signup", "country"));
    Schema typed =
        Schema.builder()
            .add("user_id", ColumnType.STRING)
            .add("email", ColumnType.STRING)
            .add("age", ColumnType.INT)
            .add("signup", ColumnType.TIMESTAMP)
            .add("country", ColumnType.CATEGORY)
            .build();
    List<Record> rows =
        List.of(
            Record.of(raw, USER, EMAIL, BAD_AGE, "2026-01-01T00:00:00Z", "FR"),
            Record.of(raw, USER, EMAIL, "41", BAD_TS, "FR"),
            Record.of(raw, USER, EMAIL, "41", "2026-01-01T00:00:00Z", COUNTRY),
            Record.of(raw, USER, EMAIL, "-7", "2026-01-01T00:00:00Z", "FR"),
            Record.of(raw, REFUSER, "not-an-" + EMAIL, "41", "2026-01-01T00:00:00Z", "DE"));
    for (BadRecordPolicy policy : BadRecordPolicy.values()) {
      Quarantine.InMemory q = Quarantine.inMemory();
      Cleaning.Builder b =
          Cleaning.builder()
              .add(ConvertTypes.to(typed))
              .add(Cleaners.range("age", 0, 130))
              .add(Cleaners.matches("email", "[a-z0-9.-]+@[a-z.]+"))
              .add(Cleaners.oneOf("country", List.of("FR", "DE")))
              .add(Cleaners.hash(Pseudonymizer.of(PseudonymKey.of("k1", KEY)), "user_id"))
              .setPolicy(policy);
      if (policy == BadRecordPolicy.QUARANTINE) {
        b.setQuarantine(q);
      }
      Cleaning cleaning = b.get();
      attempt(() -> cleaning.apply(Source.of(raw, "users.csv", rows)).forEach(r -> {}));
      quarantined.addAll(q.records());
    }
  }

  private void consentRefusalsOnTheLivePath(List<QuarantinedRecord> quarantined) {
    long now = Instant.parse("2026-06-01T00:00:00Z").toEpochMilli();
    List<String> types = List.of("view", "buy");
    ConsentRegistry consent = new ConsentRegistry(ConsentPolicy.DEFAULT);
    consent.record(USER, Purpose.PERSONALISATION, ConsentStatus.GRANTED, null);
    consent.record(REVOKER, Purpose.PERSONALISATION, ConsentStatus.GRANTED, null);
    consent.record(REFUSER, Purpose.PERSONALISATION, ConsentStatus.REFUSED, null);
    for (BadRecordPolicy policy : BadRecordPolicy.values()) {
      Quarantine.InMemory q = Quarantine.inMemory();
      FeedbackConfig cfg =
          FeedbackConfig.builder().setEventTypes(types).setBadEventPolicy(policy).get();
      FeedbackUpdater.Builder b =
          FeedbackUpdater.newBuilder()
              .setConfig(cfg)
              .setCentroids(new FMatrixRMaj(new float[][] {{0, 0}, {1, 1}}))
              .setEncoder(FeatureEncoder.logCounts(new double[] {0.5, 0.5}, new double[] {1, 1}))
              .setClock(Clock.fixed(Instant.ofEpochMilli(now), ZoneOffset.UTC))
              .setConsent(id -> consent.allowed(id, Purpose.PERSONALISATION));
      if (policy == BadRecordPolicy.QUARANTINE) {
        b.setQuarantine(q);
      }
      try (FeedbackUpdater u = b.build()) {
        consent.addRevocationListener((id, purpose) -> u.erase(id));
        attempt(() -> u.accept(new Event(USER, now - 1000, "view")));
        attempt(() -> u.accept(new Event(REVOKER, now - 1000, "buy")));
        attempt(() -> u.accept(new Event(REFUSER, now - 1000, "view")));
        attempt(() -> u.accept(new Event(USER, now - 1000, BAD_TYPE)));
        attempt(() -> u.accept(new Event(USER, now + 86_400_000L * 365, "view")));
        attempt(() -> u.accept(new Event(USER, now - 1000, "buy", EMAIL, COUNTRY, Double.NaN)));
        attempt(() -> u.accept(new Event(USER, now - 1000, "buy", null, null, -1)));
        attempt(
            () -> consent.record(REVOKER, Purpose.PERSONALISATION, ConsentStatus.REFUSED, null));
        attempt(() -> u.segmentOf(REVOKER));
        attempt(() -> u.profile(REFUSER));
        attempt(() -> u.recommendations(REFUSER, 5));
      }
      quarantined.addAll(q.records());
      consent.record(REVOKER, Purpose.PERSONALISATION, ConsentStatus.GRANTED, null);
    }
  }

  private void privacyMachinery() {
    Pseudonymizer ids = Pseudonymizer.of(PseudonymKey.of("k1", KEY));
    attempt(() -> ids.keyIdOf(USER));
    attempt(() -> ids.rekey(ids.pseudonym(USER), REFUSER));
    attempt(() -> ids.pseudonym(USER, "nokey"));
    attempt(() -> PseudonymKey.of("k2", "pii-key-short".getBytes()));
    problems.add(ids.toString() + PseudonymKey.of("k1", KEY));
    attempt(
        () -> {
          try {
            ConsentRegistry.read(
                new DataInputStream(new ByteArrayInputStream(new byte[] {0, 0, 0, 1, 0, 0, 0, 1})),
                ConsentPolicy.DEFAULT);
          } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
          }
        });
    DpRelease release = DpRelease.builder().setBudget(PrivacyBudget.of(Epsilon.of(0.1))).get();
    attempt(() -> release.segmentSizes(Map.of("segment 1", 5L), Epsilon.of(1)));
    attempt(() -> release.segmentSizes(Map.of("segment 1", -5L), Epsilon.of(0.1)));
    ConsentRegistry r = new ConsentRegistry(ConsentPolicy.DEFAULT);
    r.record(USER, Purpose.ADVERTISING, ConsentStatus.GRANTED, null);
    problems.add(r.toString() + r.counts(Purpose.builtIn()));
    assertEquals(1, r.users());
  }
}
