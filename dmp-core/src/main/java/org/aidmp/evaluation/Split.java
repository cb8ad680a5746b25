package org.aidmp.evaluation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.aidmp.recommend.Interaction;

/**
 * A train/test division of interactions for offline evaluation, given or made by one of the
 * splitting rules.
 *
 * <pre>{@code
 * Split random = Split.randomHoldout(events, 0.2, 42);   // 20% of each user's events
 * Split last = Split.leaveLastOut(events);              // each user's latest event
 * Split time = Split.atTime(events, cutoffMillis);      // before the date, then after it
 * Interactions train = Interactions.builder().addAll(last.train()).build();
 * }</pre>
 *
 * <p>The first two work per user, so every user with enough events appears in both halves; users
 * with a single event stay wholly in training. {@link #atTime} cuts everyone at one moment, as a
 * model trained today meets tomorrow's events.
 *
 * @param train the events to fit on
 * @param test the held-out events
 */
public record Split(List<Interaction> train, List<Interaction> test) {
  /** Copies the lists. */
  public Split {
    train = List.copyOf(train);
    test = List.copyOf(test);
  }

  /** A split given by the caller, such as MovieLens's {@code u1.base} / {@code u1.test} files. */
  public static Split of(List<Interaction> train, List<Interaction> test) {
    return new Split(train, test);
  }

  /**
   * Holds out a random {@code testFraction} of each user's events (rounded, at least one when the
   * user has two or more events, never all of them). The same seed gives the same split.
   */
  public static Split randomHoldout(List<Interaction> events, double testFraction, long seed) {
    if (!(testFraction > 0 && testFraction < 1)) {
      throw new IllegalArgumentException(
          "test fraction (" + testFraction + ") must be strictly between 0 and 1, such as 0.2");
    }
    SplittableRandom rnd = new SplittableRandom(seed);
    List<Interaction> train = new ArrayList<>();
    List<Interaction> test = new ArrayList<>();
    for (List<Interaction> user : byUser(events).values()) {
      int n = user.size();
      int held = n < 2 ? 0 : Math.min(n - 1, Math.max(1, (int) Math.round(n * testFraction)));
      List<Interaction> shuffled = new ArrayList<>(user);
      for (int i = n - 1; i > 0; i--) {
        int j = rnd.nextInt(i + 1);
        Interaction t = shuffled.get(i);
        shuffled.set(i, shuffled.get(j));
        shuffled.set(j, t);
      }
      test.addAll(shuffled.subList(0, held));
      train.addAll(shuffled.subList(held, n));
    }
    return new Split(train, test);
  }

  /**
   * Holds out each user's latest event (ties in time broken by item id, the larger held out); users
   * with a single event stay in training.
   */
  public static Split leaveLastOut(List<Interaction> events) {
    List<Interaction> train = new ArrayList<>();
    List<Interaction> test = new ArrayList<>();
    Comparator<Interaction> byTime =
        Comparator.comparingLong(Interaction::timestampMillis).thenComparing(Interaction::itemId);
    for (List<Interaction> user : byUser(events).values()) {
      if (user.size() < 2) {
        train.addAll(user);
        continue;
      }
      Interaction last = user.get(0);
      for (Interaction e : user) {
        if (byTime.compare(e, last) > 0) {
          last = e;
        }
      }
      for (Interaction e : user) {
        (e == last ? test : train).add(e);
      }
    }
    return new Split(train, test);
  }

  /**
   * Trains on the events before {@code cutoffMillis} and tests on those at or after it. The halves
   * are joined on the user: test events of users with no event before the cut-off are left out,
   * since a recommender cannot rank items for a user it has never seen (a cold-start question of
   * its own). Events keep their order.
   */
  public static Split atTime(List<Interaction> events, long cutoffMillis) {
    List<Interaction> train = new ArrayList<>();
    Set<String> known = new HashSet<>();
    for (Interaction e : events) {
      if (e.timestampMillis() < cutoffMillis) {
        train.add(e);
        known.add(e.userId());
      }
    }
    List<Interaction> test = new ArrayList<>();
    for (Interaction e : events) {
      if (e.timestampMillis() >= cutoffMillis && known.contains(e.userId())) {
        test.add(e);
      }
    }
    return new Split(train, test);
  }

  private static Map<String, List<Interaction>> byUser(List<Interaction> events) {
    Map<String, List<Interaction>> m = new LinkedHashMap<>();
    for (Interaction e : events) {
      m.computeIfAbsent(e.userId(), k -> new ArrayList<>()).add(e);
    }
    return m;
  }
}
