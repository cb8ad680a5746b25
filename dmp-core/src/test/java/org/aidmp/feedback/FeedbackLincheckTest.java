package org.aidmp.feedback;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.aidmp.kernels.VectorKernelsProvider;
import org.ejml.data.FMatrixRMaj;
import org.jetbrains.lincheck.LincheckAssertionError;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.junit.jupiter.api.Test;

/**
 * Model-checks that accept, reading a profile and reading a user's segment are linearizable:
 * Lincheck runs small concurrent scenarios under every interleaving it explores and checks that
 * each outcome equals some sequential order of the same calls.
 *
 * <p>The model: two event types, encoded as standardised log counts, and two centroids on the axes,
 * so a user's segment flips as the mix of their events changes. Drift is gathered but never
 * published within a scenario (the batch is larger than any scenario), which keeps the sequential
 * specification the updater itself.
 */
@Param(name = "user", gen = IntGen.class, conf = "0:1")
@Param(name = "type", gen = IntGen.class, conf = "0:1")
public class FeedbackLincheckTest {
  private static final String[] USERS = {"a", "b"};
  private static final String[] TYPES = {"view", "buy"};

  static FeedbackUpdater newUpdater() {
    FMatrixRMaj c = new FMatrixRMaj(2, 2, true, 1.5f, 0f, 0f, 1.5f);
    return FeedbackUpdater.newBuilder()
        .setConfig(FeedbackConfig.builder().setEventTypes(List.of(TYPES)).setDriftBatch(1000).get())
        .setCentroids(c)
        .setEncoder(FeatureEncoder.logCounts(new double[] {0, 0}, new double[] {1, 1}))
        .setKernels(VectorKernelsProvider.scalar())
        .setClock(Fixtures.CLOCK)
        .build();
  }

  private final FeedbackUpdater updater = newUpdater();

  /** Accepts one event. */
  @Operation
  public boolean accept(@Param(name = "user") int user, @Param(name = "type") int type) {
    return updater.accept(new FeedbackEvent(USERS[user], Fixtures.NOW, TYPES[type]));
  }

  /** Reads a profile's counters: "views/buys/events", or "-" for a user never seen. */
  @Operation
  public String profile(@Param(name = "user") int user) {
    LiveUser p = updater.profile(USERS[user]);
    return p == null ? "-" : p.count(0) + "/" + p.count(1) + "/" + p.events();
  }

  /** Reads a user's segment. */
  @Operation
  public int segmentOf(@Param(name = "user") int user) {
    return updater.segmentOf(USERS[user]).segment();
  }

  static ModelCheckingOptions options() {
    return new ModelCheckingOptions()
        .iterations(10)
        .invocationsPerIteration(200)
        .threads(2)
        .actorsPerThread(3)
        .actorsBefore(1)
        .actorsAfter(1);
  }

  /**
   * Regression: a user made by the first event was visible, with no events, before that event was
   * folded in; a concurrent profile read returned "0/0/0", which no sequential order gives.
   */
  @Test
  void updaterIsLinearizable() {
    options().check(FeedbackLincheckTest.class);
  }

  /**
   * A front for the same updater that also keeps each user's event count in a plain array,
   * incremented outside the user's lock (a tempting cheap read path). Two accepts of one user can
   * both read the old count and both write old + 1, losing one, so a later read returns a count no
   * sequential order produces. The checker must find this; if it ever stops failing, the harness is
   * broken.
   */
  @Param(name = "user", gen = IntGen.class, conf = "0:1")
  @Param(name = "type", gen = IntGen.class, conf = "0:1")
  public static class RacyEventCounter {
    private final FeedbackUpdater updater = newUpdater();
    private final long[] cached = {0, 0};

    /** Accepts an event and counts it without holding the user's lock. */
    @Operation
    public boolean accept(@Param(name = "user") int user, @Param(name = "type") int type) {
      // A read then a write of shared memory with no lock: two threads can both read n and
      // both write n + 1.
      cached[user] = cached[user] + 1;
      return updater.accept(new FeedbackEvent(USERS[user], Fixtures.NOW, TYPES[type]));
    }

    /** Reads the cached event count. */
    @Operation
    public long events(@Param(name = "user") int user) {
      return cached[user];
    }
  }

  @Test
  void checkerCatchesTheRacyCounter() {
    LincheckAssertionError e =
        assertThrows(
            LincheckAssertionError.class,
            () -> options().minimizeFailedScenario(false).check(RacyEventCounter.class));
    assertTrue(e.getMessage().contains("Invalid execution results"), e.getMessage());
  }
}
