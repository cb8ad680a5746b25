package org.aidmp.evaluation;

import java.util.List;
import org.aidmp.recommend.Interaction;

/**
 * A train/test division of interactions.
 *
 * <pre>{@code
 * Split s = Splits.leaveLastOut(events);
 * Interactions train = Interactions.builder().addAll(s.train()).build();
 * }</pre>
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
}
