package org.aidmp.feedback;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.aidmp.internal.kernels.VectorKernelsProvider;
import org.aidmp.profile.Event;
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
    return builder().build();
  }

  static FeedbackUpdater.Builder builder() {
    FMatrixRMaj c = new FMatrixRMaj(2, 2, true, 1.5f, 0f, 0f, 1.5f);
    return FeedbackUpdater.newBuilder()
        .setConfig(FeedbackConfig.builder().setEventTypes(List.of(TYPES)).setDriftBatch(1000).get())
        .setCentroids(c)
        .setEncoder(FeatureEncoder.logCounts(new double[] {0, 0}, new double[] {1, 1}))
        .setKernels(VectorKernelsProvider.scalar())
        .setClock(Fixtures.CLOCK)
        // One stripe: the two threads of a scenario share one intake gate, as more threads than
        // stripes do in production.
        .setStripes(1);
  }

  private final FeedbackUpdater updater = newUpdater();

  /** Accepts one event. */
  @Operation
  public boolean accept(@Param(name = "user") int user, @Param(name = "type") int type) {
    return updater.accept(new Event(USERS[user], Fixtures.NOW, TYPES[type]));
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
    return updater.segmentOf(USERS[user]);
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

  /** Reads the accepted-events counter. */
  @Operation
  public long accepted() {
    return updater.stats().accepted();
  }

  /**
   * The updater itself with its intake lock dropped (the package-private racy switch): two accepts
   * sharing a stripe can both read the stripe's counter n and both write n + 1, so a later read of
   * {@code accepted} returns a count no sequential order produces. The checker must find this; if
   * it ever stops failing, the harness is broken.
   */
  @Param(name = "user", gen = IntGen.class, conf = "0:1")
  @Param(name = "type", gen = IntGen.class, conf = "0:1")
  public static class RacyIntake {
    private final FeedbackUpdater updater = builder().racyIntakeForTests().build();

    /** Accepts one event through the racy intake. */
    @Operation
    public boolean accept(@Param(name = "user") int user, @Param(name = "type") int type) {
      return updater.accept(new Event(USERS[user], Fixtures.NOW, TYPES[type]));
    }

    /** Reads the accepted-events counter. */
    @Operation
    public long accepted() {
      return updater.stats().accepted();
    }
  }

  @Test
  void checkerCatchesTheUpdaterWithoutItsIntakeLock() {
    LincheckAssertionError e =
        assertThrows(
            LincheckAssertionError.class,
            () -> options().minimizeFailedScenario(false).check(RacyIntake.class));
    assertTrue(e.getMessage().contains("Invalid execution results"), e.getMessage());
  }
}
