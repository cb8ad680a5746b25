package org.aidmp.feedback;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.aidmp.profile.Event;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.JJ_Result;

/**
 * The control: {@link IntakeCounter} on the updater with its intake lock dropped (the
 * package-private racy switch). Lost updates must show up as FORBIDDEN results: if this test ever
 * passes, the harness cannot see the race it is meant to catch.
 */
@JCStressTest
@Outcome(id = "2, 2", expect = ACCEPTABLE, desc = "both events counted and in the drift")
@Outcome(expect = FORBIDDEN, desc = "an update was lost")
@State
public class RacyIntakeCounter {
  final FeedbackUpdater updater = LiveFixtures.builder(1_000).racyIntakeForTests().build();

  /** One user's event. */
  @Actor
  public void first() {
    updater.accept(new Event("a", LiveFixtures.NOW, "buy"));
  }

  /** Another user's event, through the same stripe. */
  @Actor
  public void second() {
    updater.accept(new Event("b", LiveFixtures.NOW, "view"));
  }

  /** Reads the counters after both. */
  @Arbiter
  public void check(JJ_Result r) {
    r.r1 = updater.stats().accepted();
    r.r2 = updater.snapshot().pendingEvents;
  }
}
