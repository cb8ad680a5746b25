package org.aidmp.pipeline;

import java.util.Collection;
import java.util.Objects;
import org.aidmp.audience.Audience;
import org.aidmp.knn.CosineIndex;
import org.aidmp.knn.Lookalike;

/**
 * The lookalike stage of a run: a cosine index over the users' feature rows and the expansion
 * settings, ready to grow any seed audience into people like them.
 *
 * <pre>{@code
 * Audience audience = result.lookalikes().orElseThrow().expand(bestCustomers);
 * }</pre>
 *
 * @param index the users' feature rows, by user id; live: add, update or remove users as they
 *     change
 * @param settings target size or similarity threshold, scoring, exclusions
 */
public record Lookalikes(CosineIndex index, Lookalike settings) {
  /** Checks that both parts are given. */
  public Lookalikes {
    Objects.requireNonNull(index, "index");
    Objects.requireNonNull(settings, "settings");
  }

  /**
   * The users most like the seeds, seeds excluded.
   *
   * @throws IllegalArgumentException if there are no seeds or none is in the index
   */
  public Audience expand(Collection<String> seeds) {
    return settings.expand(index, seeds);
  }
}
