package org.aidmp.stage;

/**
 * A stage that draws random numbers and can be given its seed, so that a pipeline seeded once seeds
 * each such stage with its own split of that seed.
 *
 * @param <S> the stage's own type
 */
public interface Seedable<S> {
  /** The same stage configured with {@code seed}; this one is not changed. */
  S reseeded(long seed);
}
