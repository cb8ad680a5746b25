package org.aidmp.feedback;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.aidmp.profile.Event;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * A reader racing with a new user's first event sees either no user, or the user with the event
 * folded in, a row and a segment: never a user with no events, or events without a segment.
 * Results: events (−1 for no user), segment (−9 for no user), row feature of "buy" × 1000.
 */
@JCStressTest
@Outcome(id = "-1, -9, -1", expect = ACCEPTABLE, desc = "the reader came first: no such user")
@Outcome(id = "1, 1, 693", expect = ACCEPTABLE, desc = "the user, complete")
@Outcome(expect = FORBIDDEN, desc = "a half-made user was published")
@State
public class NewUserPublication {
  private final FeedbackUpdater updater = LiveFixtures.builder(1_000).build();

  /** The user's first event. */
  @Actor
  public void writer() {
    updater.accept(new Event("u", LiveFixtures.NOW, "buy"));
  }

  /** Reads the user's live state. */
  @Actor
  public void reader(III_Result r) {
    LiveUser u = updater.profile("u");
    if (u == null) {
      r.r1 = -1;
      r.r2 = -9;
      r.r3 = -1;
    } else {
      r.r1 = (int) u.events();
      r.r2 = u.segment();
      r.r3 = Math.round(u.feature(1) * 1000);
    }
  }
}
