package org.aidmp.recommend;

import java.util.Objects;

/**
 * Why an item was recommended, in part: a neighbour user or a history item and how much of the
 * score it brought.
 *
 * <pre>{@code
 * for (Contribution c : recommendation.because()) {
 *   System.out.println(c.kind() + " " + c.id() + " +" + c.amount());
 * }
 * }</pre>
 *
 * @param kind what {@code id} names
 * @param id a user id ({@link Kind#NEIGHBOUR}) or an item id ({@link Kind#ITEM}); for {@link
 *     Kind#POPULARITY} the name of the population (global or a segment)
 * @param amount the part of the score it contributed
 */
public record Contribution(Kind kind, String id, float amount) {
  /** Checks the fields. */
  public Contribution {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(id, "id");
  }

  /** What a contribution refers to. */
  public enum Kind {
    /** A similar user who interacted with the item (user-kNN). */
    NEIGHBOUR,
    /** An item in the user's history that points to this one (item-kNN, EASE). */
    ITEM,
    /** The item's popularity in a population. */
    POPULARITY
  }
}
