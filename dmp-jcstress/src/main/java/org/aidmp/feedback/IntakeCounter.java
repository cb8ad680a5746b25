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
 * Two threads sharing one intake stripe accept an event each: both are counted and both rows are in
 * the pending drift. {@link RacyIntakeCounter} is the same with the intake lock dropped, the
 * control that jcstress must fail.
 */
@JCStressTest
@Outcome(id = "2, 2", expect = ACCEPTABLE, desc = "both events counted and in the drift")
@Outcome(expect = FORBIDDEN, desc = "an update was lost")
@State
public class IntakeCounter {
  final FeedbackUpdater updater = LiveFixtures.builder(1_000).build();

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
