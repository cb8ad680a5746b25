package org.aidmp.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.aidmp.data.BadRecordPolicy;
import org.aidmp.data.Record;
import org.aidmp.data.Schema;
import org.aidmp.data.Source;
import org.aidmp.profile.ProfileStore;
import org.aidmp.profile.UserProfile;
import org.junit.jupiter.api.Test;

class ConsentRegistryTest {
  private static final Instant T1 = Instant.parse("2026-01-01T00:00:00Z");
  private static final Instant T2 = Instant.parse("2026-02-01T00:00:00Z");

  @Test
  void answersPerUserAndPurposeWithDenyByDefault() {
    ConsentRegistry r = new ConsentRegistry(ConsentPolicy.DEFAULT);
    r.record("u1", Purpose.ADVERTISING, ConsentStatus.GRANTED, T1);
    r.record("u1", Purpose.PERSONALISATION, ConsentStatus.REFUSED, T1);
    assertTrue(r.allowed("u1", Purpose.ADVERTISING));
    assertFalse(r.allowed("u1", Purpose.PERSONALISATION));
    assertFalse(r.allowed("u1", Purpose.ANALYTICS));
    assertFalse(r.allowed("nobody", Purpose.ANALYTICS));
    assertEquals(T1, r.consent("u1", Purpose.ADVERTISING).at());
    assertSame(Consent.UNKNOWN, r.consent("nobody", Purpose.ADVERTISING));

    ConsentRegistry open =
        new ConsentRegistry(ConsentPolicy.builder().setUnknownAllowed(true).get());
    assertTrue(open.allowed("nobody", Purpose.ANALYTICS));
  }

  @Test
  void laterAnswerWinsAndALateDeliveryCannotUndoAWithdrawal() {
    ConsentRegistry r = new ConsentRegistry(ConsentPolicy.DEFAULT);
    assertTrue(r.record("u1", Purpose.ADVERTISING, ConsentStatus.REFUSED, T2));
    assertFalse(r.record("u1", Purpose.ADVERTISING, ConsentStatus.GRANTED, T1));
    assertFalse(r.allowed("u1", Purpose.ADVERTISING));
    assertTrue(r.record("u1", Purpose.ADVERTISING, ConsentStatus.GRANTED, T2.plusSeconds(1)));
    assertTrue(r.allowed("u1", Purpose.ADVERTISING));
    // UNKNOWN clears the answer; the user then falls back to the default.
    assertTrue(r.record("u1", Purpose.ADVERTISING, ConsentStatus.UNKNOWN, null));
    assertEquals(ConsentStatus.UNKNOWN, r.consent("u1", Purpose.ADVERTISING).status());
    assertEquals(0, r.users());
  }

  @Test
  void hostAnswerOverridesAttributesWhichOverrideTheDefault() {
    Schema s = Schema.ofStrings(List.of("id", "consent"));
    ProfileStore store = ProfileStore.create();
    store.joinAttributes(
        Source.of(
            s,
            "users",
            List.of(Record.of(s, "a", "no"), Record.of(s, "b", "yes"), Record.of(s, "c", "?"))),
        "id",
        BadRecordPolicy.FAIL,
        null);
    ConsentRegistry r =
        new ConsentRegistry(ConsentPolicy.builder().setCommonAttribute("consent").get());
    r.record("a", Purpose.ANALYTICS, ConsentStatus.GRANTED, T1);
    List<String> allowed = new ArrayList<>();
    for (UserProfile u : store) {
      if (r.forPurpose(Purpose.ANALYTICS).test(u)) {
        allowed.add(u.userId());
      }
    }
    allowed.sort(null);
    assertEquals(List.of("a", "b"), allowed);
    assertFalse(r.allowed(store.get("a").orElseThrow(), Purpose.ADVERTISING));

    ConsentCounts c = r.counts(store, List.of(Purpose.ANALYTICS, Purpose.ADVERTISING));
    assertEquals(2, c.count(Purpose.ANALYTICS, ConsentStatus.GRANTED));
    assertEquals(1, c.count(Purpose.ANALYTICS, ConsentStatus.UNKNOWN));
    assertEquals(1, c.count(Purpose.ADVERTISING, ConsentStatus.REFUSED));
    assertEquals(1, c.allowed(Purpose.ADVERTISING));
  }

  @Test
  void everyRefusalReachesTheListenersOnTheRecordingThread() {
    ConsentRegistry r = new ConsentRegistry(ConsentPolicy.DEFAULT);
    List<String> seen = new ArrayList<>();
    Thread caller = Thread.currentThread();
    BiConsumer<String, Purpose> l =
        (user, purpose) -> {
          assertSame(caller, Thread.currentThread());
          // The refusal is stored before the listeners run, so its time can be read back.
          seen.add(user + "/" + purpose + "/" + r.consent(user, purpose).at());
        };
    r.addRevocationListener(l);
    r.record("u1", Purpose.ADVERTISING, ConsentStatus.GRANTED, T1);
    r.record("u1", Purpose.ADVERTISING, ConsentStatus.REFUSED, T2);
    r.record("u1", Purpose.ADVERTISING, ConsentStatus.REFUSED, T1); // stale: not applied
    r.record("u2", Purpose.PERSONALISATION, ConsentStatus.REFUSED, null);
    assertEquals(List.of("u1/advertising/" + T2, "u2/personalisation/null"), seen);
    assertTrue(r.removeRevocationListener(l));
    r.record("u3", Purpose.PERSONALISATION, ConsentStatus.REFUSED, null);
    assertEquals(2, seen.size());
  }

  @Test
  void aFailingListenerDoesNotStopTheOthers() {
    ConsentRegistry r = new ConsentRegistry(ConsentPolicy.DEFAULT);
    List<String> seen = new ArrayList<>();
    IllegalStateException first = new IllegalStateException("first");
    r.addRevocationListener(
        (u, p) -> {
          throw first;
        });
    r.addRevocationListener((u, p) -> seen.add(u));
    r.addRevocationListener(
        (u, p) -> {
          throw new IllegalArgumentException("second");
        });
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> r.record("u1", Purpose.ADVERTISING, ConsentStatus.REFUSED, T1));
    assertSame(first, e);
    assertEquals(1, e.getSuppressed().length);
    assertEquals(List.of("u1"), seen);
    assertFalse(r.allowed("u1", Purpose.ADVERTISING)); // stored before the listeners ran
  }

  @Test
  void forgetRemovesEveryAnswerOfTheUser() {
    ConsentRegistry r = new ConsentRegistry(ConsentPolicy.DEFAULT);
    r.record("u1", Purpose.ADVERTISING, ConsentStatus.GRANTED, T1);
    r.record("u1", Purpose.ANALYTICS, ConsentStatus.GRANTED, T1);
    r.record("u2", Purpose.ANALYTICS, ConsentStatus.GRANTED, T1);
    long v = r.modelVersion();
    assertEquals(2, r.forget("u1"));
    assertEquals(0, r.forget("u1"));
    assertTrue(r.modelVersion() > v);
    assertFalse(r.allowed("u1", Purpose.ADVERTISING));
    assertEquals(1, r.users());
    assertEquals("consent", r.partName());
    assertFalse(r.toString().contains("u2"));
  }

  @Test
  void oneForgetCallReachesTheRegistryAsAUserStatePart() {
    ConsentRegistry r = new ConsentRegistry(ConsentPolicy.DEFAULT);
    r.record("u1", Purpose.ADVERTISING, ConsentStatus.GRANTED, T1);
    org.aidmp.state.ForgetReceipt receipt =
        org.aidmp.state.UserStatePart.forgetAll(List.of(r), "u1");
    assertEquals(1, receipt.removed());
    assertEquals("consent", receipt.parts().get(0).part());
    assertEquals(0, r.users());
  }

  @Test
  void snapshotRoundTripKeepsAnswersAndTimes() throws IOException {
    ConsentRegistry r = new ConsentRegistry(ConsentPolicy.DEFAULT);
    r.record("u1", Purpose.ADVERTISING, ConsentStatus.GRANTED, T1.plusNanos(7));
    r.record("u1", Purpose.of("newsletter"), ConsentStatus.REFUSED, null);
    r.record("ü2", Purpose.ANALYTICS, ConsentStatus.GRANTED, T2);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    r.writeTo(new DataOutputStream(bytes));
    ConsentRegistry back =
        ConsentRegistry.read(
            new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())),
            ConsentPolicy.DEFAULT);
    assertEquals(r.consent("u1", Purpose.ADVERTISING), back.consent("u1", Purpose.ADVERTISING));
    assertEquals(
        r.consent("u1", Purpose.of("newsletter")), back.consent("u1", Purpose.of("newsletter")));
    assertEquals(r.consent("ü2", Purpose.ANALYTICS), back.consent("ü2", Purpose.ANALYTICS));
    assertEquals(2, back.users());

    byte[] bad = bytes.toByteArray();
    bad[3] = 9;
    assertThrows(
        IOException.class,
        () ->
            ConsentRegistry.read(
                new DataInputStream(new ByteArrayInputStream(bad)), ConsentPolicy.DEFAULT));
  }

  @Test
  void countsOverRecordedUsers() {
    ConsentRegistry r = new ConsentRegistry(ConsentPolicy.DEFAULT);
    r.record("u1", Purpose.ADVERTISING, ConsentStatus.GRANTED, T1);
    r.record("u2", Purpose.ADVERTISING, ConsentStatus.REFUSED, T1);
    r.record("u3", Purpose.ANALYTICS, ConsentStatus.GRANTED, T1);
    ConsentCounts c = r.counts(List.of(Purpose.ADVERTISING));
    assertEquals(1, c.count(Purpose.ADVERTISING, ConsentStatus.GRANTED));
    assertEquals(1, c.count(Purpose.ADVERTISING, ConsentStatus.REFUSED));
    assertEquals(1, c.count(Purpose.ADVERTISING, ConsentStatus.UNKNOWN));
    assertEquals(3, c.total(Purpose.ADVERTISING));
  }

  @Test
  void concurrentAnswersForOneUserEndWithTheLatestTime() throws Exception {
    for (int round = 0; round < 20; round++) {
      ConsentRegistry r = new ConsentRegistry(ConsentPolicy.DEFAULT);
      List<String> revoked = new CopyOnWriteArrayList<>();
      r.addRevocationListener((u, p) -> revoked.add(u));
      int threads = 4;
      int perThread = 500;
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> fs = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int id = t;
        fs.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < perThread; i++) {
                    long second = (long) i * threads + id;
                    ConsentStatus s =
                        second % 2 == 0 ? ConsentStatus.GRANTED : ConsentStatus.REFUSED;
                    r.record("shared", Purpose.ADVERTISING, s, T1.plusSeconds(second));
                    r.record("t" + id + "-" + i, Purpose.ANALYTICS, s, T1);
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> f : fs) {
        f.get(30, TimeUnit.SECONDS);
      }
      pool.shutdown();
      long last = (long) perThread * threads - 1;
      assertEquals(T1.plusSeconds(last), r.consent("shared", Purpose.ADVERTISING).at());
      assertEquals(ConsentStatus.REFUSED, r.consent("shared", Purpose.ADVERTISING).status());
      assertEquals(1 + threads * perThread, r.users());
      long refusedOthers = revoked.stream().filter(u -> !u.equals("shared")).count();
      assertEquals(threads * perThread / 2, refusedOthers);
    }
  }
}
