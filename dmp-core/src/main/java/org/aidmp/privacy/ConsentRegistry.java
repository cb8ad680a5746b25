package org.aidmp.privacy;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import org.aidmp.profile.UserProfile;
import org.aidmp.state.UserStatePart;

/**
 * Consent answers per user and purpose given by the host (a consent-management platform, a
 * preference page), answered together with the answers read from profile attributes.
 *
 * <pre>{@code
 * ConsentRegistry consent = new ConsentRegistry(ConsentPolicy.DEFAULT);   // deny by default
 * consent.addRevocationListener((user, purpose) -> live.forget(user));
 * consent.record("u42", Purpose.ADVERTISING, ConsentStatus.GRANTED, Instant.now());
 * consent.record("u42", Purpose.PERSONALISATION, ConsentStatus.REFUSED, Instant.now());
 * consent.allowed("u42", Purpose.ADVERTISING);        // true
 * consent.allowed("u7", Purpose.ANALYTICS);           // false: unknown, denied by default
 * Predicate<UserProfile> gate = consent.forPurpose(Purpose.PERSONALISATION);
 * }</pre>
 *
 * <p><b>Which answer counts.</b> An answer recorded here overrides the one read from the profile's
 * attributes with the {@link ConsentPolicy}: the host's answer carries a time and usually comes
 * later than a file. Between answers recorded here, the later {@link Consent#at() time} wins; an
 * answer without a time replaces any earlier one, and an answer older than the stored one is
 * ignored (so a late delivery cannot undo a withdrawal).
 *
 * <p><b>Revocation.</b> Every applied refusal is passed, as the user's id and the purpose refused,
 * to the revocation listeners on the recording thread after it is stored, so a listener that needs
 * the time of the refusal reads it with {@link #consent(String, Purpose)}. A listener that throws
 * does not stop the others; the first exception is rethrown after all have run, the others added as
 * suppressed.
 *
 * <p>Thread-safe: answers may be recorded and read from any thread. As a {@link UserStatePart} it
 * forgets a user's answers and writes itself into snapshots ({@link #read(DataInput,
 * ConsentPolicy)} restores it).
 */
public final class ConsentRegistry implements UserStatePart {
  private static final int FORMAT = 1;

  private final ConsentPolicy policy;
  private final ConcurrentHashMap<String, Map<Purpose, Consent>> answers =
      new ConcurrentHashMap<>();
  private final CopyOnWriteArrayList<BiConsumer<String, Purpose>> listeners =
      new CopyOnWriteArrayList<>();
  private final AtomicLong version = new AtomicLong();

  /** An empty registry that reads attributes and treats unknown answers as {@code policy} says. */
  public ConsentRegistry(ConsentPolicy policy) {
    this.policy = Objects.requireNonNull(policy, "policy");
  }

  /** The policy for attributes and unknown answers. */
  public ConsentPolicy policy() {
    return policy;
  }

  /**
   * Adds a listener told of every refusal recorded from now on, so that state kept for the refused
   * purpose (a live profile, cached recommendations) can be dropped at once.
   *
   * <p>The listener gets the user's id as this registry holds it and the purpose refused. It is
   * called on the thread that recorded the refusal, after the registry has stored it, once per
   * refusal applied (also when the user had already refused: dropping twice is harmless, missing a
   * drop is not). Keep it short; hand long work to another thread.
   */
  public void addRevocationListener(BiConsumer<String, Purpose> listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /** Removes a listener; returns whether it was registered. */
  public boolean removeRevocationListener(BiConsumer<String, Purpose> listener) {
    return listeners.remove(listener);
  }

  /**
   * Records an answer.
   *
   * @param userId the user's id (a pseudonym where ids are pseudonymised)
   * @param purpose the purpose answered
   * @param status the answer; {@link ConsentStatus#UNKNOWN} clears an earlier answer
   * @param at when the user answered, or {@code null} if not known
   * @return whether the answer was applied; {@code false} if a later answer is already stored
   */
  public boolean record(String userId, Purpose purpose, ConsentStatus status, Instant at) {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(purpose, "purpose");
    Objects.requireNonNull(status, "status");
    Consent next = new Consent(status, at);
    boolean[] applied = {false};
    answers.compute(
        userId,
        (id, old) -> {
          Consent prev = old == null ? null : old.get(purpose);
          if (prev != null && prev.at() != null && at != null && at.isBefore(prev.at())) {
            return old;
          }
          applied[0] = true;
          Map<Purpose, Consent> m = old == null ? new HashMap<>(4) : new HashMap<>(old);
          if (status == ConsentStatus.UNKNOWN) {
            m.remove(purpose);
          } else {
            m.put(purpose, next);
          }
          return m.isEmpty() ? null : Map.copyOf(m);
        });
    if (applied[0]) {
      version.incrementAndGet();
      if (status == ConsentStatus.REFUSED) {
        notifyRevoked(userId, purpose);
      }
    }
    return applied[0];
  }

  private void notifyRevoked(String userId, Purpose purpose) {
    RuntimeException first = null;
    for (BiConsumer<String, Purpose> l : listeners) {
      try {
        l.accept(userId, purpose);
      } catch (RuntimeException e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }

  /** The answer recorded here, or {@link Consent#UNKNOWN}; attributes are not consulted. */
  public Consent consent(String userId, Purpose purpose) {
    Map<Purpose, Consent> m = answers.get(userId);
    Consent c = m == null ? null : m.get(purpose);
    return c == null ? Consent.UNKNOWN : c;
  }

  /** The answer recorded here, or else the one read from the profile's attributes. */
  public Consent consent(UserProfile profile, Purpose purpose) {
    Consent c = consent(profile.userId(), purpose);
    return c.status() != ConsentStatus.UNKNOWN
        ? c
        : new Consent(policy.status(profile, purpose), null);
  }

  /** Whether the answer recorded here (or the policy's default) allows {@code purpose}. */
  public boolean allowed(String userId, Purpose purpose) {
    return policy.allows(consent(userId, purpose).status(), purpose);
  }

  /** Whether the recorded answer, else the profile's attributes, else the default, allow it. */
  public boolean allowed(UserProfile profile, Purpose purpose) {
    return policy.allows(consent(profile, purpose).status(), purpose);
  }

  /** A test of profiles for one purpose, for stages that take a consent predicate. */
  public Predicate<UserProfile> forPurpose(Purpose purpose) {
    Objects.requireNonNull(purpose, "purpose");
    return p -> allowed(p, purpose);
  }

  /** Counts over the users with an answer recorded here. */
  public ConsentCounts counts(Iterable<Purpose> purposes) {
    ConsentCounts.Tally t = new ConsentCounts.Tally(policy, purposes);
    for (Map<Purpose, Consent> m : answers.values()) {
      for (Purpose p : t.purposes()) {
        Consent c = m.get(p);
        t.add(p, c == null ? ConsentStatus.UNKNOWN : c.status());
      }
    }
    return t.get();
  }

  /**
   * Counts over a population of profiles, each answered as {@link #consent(UserProfile, Purpose)}.
   */
  public ConsentCounts counts(Iterable<UserProfile> population, Iterable<Purpose> purposes) {
    ConsentCounts.Tally t = new ConsentCounts.Tally(policy, purposes);
    for (UserProfile u : population) {
      for (Purpose p : t.purposes()) {
        t.add(p, consent(u, p).status());
      }
    }
    return t.get();
  }

  /** The number of users with at least one answer recorded here. */
  public int users() {
    return answers.size();
  }

  @Override
  public String partName() {
    return "consent";
  }

  /** Drops every answer recorded for the user; returns how many answers were removed. */
  @Override
  public long forget(String userId) {
    Map<Purpose, Consent> m = answers.remove(userId);
    if (m == null) {
      return 0;
    }
    version.incrementAndGet();
    return m.size();
  }

  /**
   * Writes every recorded answer. Answers recorded while writing may or may not be included; a
   * snapshot taken to be exact should hold off writers.
   */
  @Override
  public void writeTo(DataOutput out) throws IOException {
    Map<String, Map<Purpose, Consent>> copy = new HashMap<>(answers);
    out.writeInt(FORMAT);
    out.writeInt(copy.size());
    for (Map.Entry<String, Map<Purpose, Consent>> e : copy.entrySet()) {
      out.writeUTF(e.getKey());
      out.writeInt(e.getValue().size());
      for (Map.Entry<Purpose, Consent> pc : e.getValue().entrySet()) {
        out.writeUTF(pc.getKey().name());
        out.writeByte(pc.getValue().status().ordinal());
        Instant at = pc.getValue().at();
        out.writeBoolean(at != null);
        if (at != null) {
          out.writeLong(at.getEpochSecond());
          out.writeInt(at.getNano());
        }
      }
    }
  }

  /**
   * Restores what {@link #writeTo} wrote, with {@code policy} for attributes and unknown answers.
   *
   * @throws IOException if the data is not a registry written by this version
   */
  public static ConsentRegistry read(DataInput in, ConsentPolicy policy) throws IOException {
    int format = in.readInt();
    if (format != FORMAT) {
      throw new IOException(
          "consent registry format " + format + " is not supported; expected " + FORMAT);
    }
    ConsentRegistry r = new ConsentRegistry(policy);
    int users = in.readInt();
    if (users < 0) {
      throw new IOException("corrupt consent registry: negative user count");
    }
    ConsentStatus[] statuses = ConsentStatus.values();
    for (int u = 0; u < users; u++) {
      String id = in.readUTF();
      int n = in.readInt();
      if (n < 0 || n > 1 << 16) {
        throw new IOException("corrupt consent registry: answer count out of range at user " + u);
      }
      Map<Purpose, Consent> m = new HashMap<>(n * 2);
      for (int i = 0; i < n; i++) {
        Purpose p = Purpose.of(in.readUTF());
        int s = in.readByte();
        if (s < 0 || s >= statuses.length) {
          throw new IOException("corrupt consent registry: bad status at user " + u);
        }
        Instant at = in.readBoolean() ? Instant.ofEpochSecond(in.readLong(), in.readInt()) : null;
        m.put(p, new Consent(statuses[s], at));
      }
      r.answers.put(id, Map.copyOf(m));
    }
    return r;
  }

  @Override
  public long modelVersion() {
    return version.get();
  }

  /** Sizes only: ids are personal data. */
  @Override
  public String toString() {
    return "ConsentRegistry[" + answers.size() + " users, " + policy + "]";
  }
}
