package org.aidmp.knn;

import java.util.Objects;

/**
 * One search hit: the id of an indexed row and its cosine similarity to the query.
 *
 * <pre>{@code
 * for (Neighbor n : index.search(query, 10)) {
 *   System.out.println(n.id() + " " + n.score());
 * }
 * }</pre>
 *
 * @param id the id the row was added under
 * @param score the cosine similarity in [-1, 1]; 0 for a zero row
 */
public record Neighbor(String id, float score) {
  /** Checks the id. */
  public Neighbor {
    Objects.requireNonNull(id, "id");
  }
}
