package org.aidmp.recommend;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * What to recommend: how many items, whether seen items may come back, business rules (filters and
 * boosts by item predicate) and how many contributions explain each item.
 *
 * <pre>{@code
 * RecommendRequest req = RecommendRequest.builder()
 *     .setK(10)
 *     .addFilter(inStock::contains)          // drop items that fail
 *     .addBoost(onSale::contains, 0.5f)      // add 0.5 to their score
 *     .setExplanations(3)
 *     .get();
 * }</pre>
 *
 * <p>Immutable; derive a changed copy with {@link #toBuilder()}.
 */
public final class RecommendRequest {
  /** Ten items, seen items excluded, no rules, no explanations. */
  public static final RecommendRequest DEFAULT = new Builder().get();

  private final int k;
  private final boolean includeSeen;
  private final List<Predicate<String>> filters;
  private final List<Boost> boosts;
  private final int explanations;

  private RecommendRequest(Builder b) {
    this.k = b.k;
    this.includeSeen = b.includeSeen;
    this.filters = List.copyOf(b.filters);
    this.boosts = List.copyOf(b.boosts);
    this.explanations = b.explanations;
  }

  /** A builder starting from {@link #DEFAULT}'s values. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from this request's values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.k = k;
    b.includeSeen = includeSeen;
    b.filters.addAll(filters);
    b.boosts.addAll(boosts);
    b.explanations = explanations;
    return b;
  }

  /** The number of items to return (fewer if fewer candidates remain). */
  public int k() {
    return k;
  }

  /** Whether items the user already interacted with may be recommended again. */
  public boolean includeSeen() {
    return includeSeen;
  }

  /** Item predicates that must all accept an item for it to be recommended. */
  public List<Predicate<String>> filters() {
    return filters;
  }

  /** Score boosts applied before ranking. */
  public List<Boost> boosts() {
    return boosts;
  }

  /** How many contributions explain each recommendation; 0 for none. */
  public int explanations() {
    return explanations;
  }

  /**
   * A business rule that adds {@code amount} to the score of every item the predicate accepts; a
   * negative amount demotes.
   *
   * @param accepts which items the boost applies to
   * @param amount added to their score
   */
  public record Boost(Predicate<String> accepts, float amount) {
    /** Checks the fields. */
    public Boost {
      Objects.requireNonNull(accepts, "accepts");
      if (!Float.isFinite(amount)) {
        throw new IllegalArgumentException(
            "boost amount (" + amount + ") must be finite; use a filter to exclude items");
      }
    }
  }

  /** Builds a {@link RecommendRequest}; {@link #get()} never changes the builder. */
  public static final class Builder {
    private int k = 10;
    private boolean includeSeen;
    private final List<Predicate<String>> filters = new ArrayList<>();
    private final List<Boost> boosts = new ArrayList<>();
    private int explanations;

    private Builder() {}

    /** The number of items, at least 1. */
    public Builder setK(int k) {
      if (k < 1) {
        throw new IllegalArgumentException("k (" + k + ") must be at least 1");
      }
      this.k = k;
      return this;
    }

    /**
     * Whether items the user already interacted with may come back (for repeat purchases such as
     * groceries); {@code false}, never, by default.
     */
    public Builder setIncludeSeen(boolean includeSeen) {
      this.includeSeen = includeSeen;
      return this;
    }

    /** Keeps only items this predicate accepts (in stock, allowed in the user's country...). */
    public Builder addFilter(Predicate<String> keep) {
      filters.add(Objects.requireNonNull(keep, "keep"));
      return this;
    }

    /** Adds {@code amount} to the score of items the predicate accepts. */
    public Builder addBoost(Predicate<String> accepts, float amount) {
      boosts.add(new Boost(accepts, amount));
      return this;
    }

    /** How many contributions explain each recommendation, 0 (the default) to 100. */
    public Builder setExplanations(int explanations) {
      if (explanations < 0 || explanations > 100) {
        throw new IllegalArgumentException(
            "explanations (" + explanations + ") must be between 0 and 100");
      }
      this.explanations = explanations;
      return this;
    }

    /** The request set so far. */
    public RecommendRequest get() {
      return new RecommendRequest(this);
    }
  }
}
