package org.aidmp.knn;

import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Predicate;

/**
 * What a {@link CosineIndex} search returns and which rows it may return: the number of neighbours,
 * ids to exclude, a predicate of allowed ids (consent), and for batches the number of threads. The
 * filters are applied inside the scan, so excluded rows never take a place among the k best.
 *
 * <pre>{@code
 * SearchOptions opts = SearchOptions.builder()
 *     .setK(50)
 *     .setExclude(seedIds)
 *     .setAllowed(consent::hasOptedIn)
 *     .setThreads(2)
 *     .get();
 * }</pre>
 *
 * <p>Immutable; derive a changed copy with {@link #toBuilder()}.
 */
public final class SearchOptions {
  /** Ten neighbours, nothing excluded, everyone allowed, one thread. */
  public static final SearchOptions DEFAULT = new Builder().get();

  private final int k;
  private final Set<String> exclude;
  private final Predicate<String> allowed;
  private final int threads;
  private final Executor executor;

  private SearchOptions(Builder b) {
    this.k = b.k;
    this.exclude = b.exclude;
    this.allowed = b.allowed;
    this.threads = b.threads;
    this.executor = b.executor;
    if (executor != null && threads < 2) {
      throw new IllegalArgumentException(
          "an executor was given but threads is "
              + threads
              + "; set threads to the number of workers, the calling thread included (at least 2)");
    }
  }

  /** A builder starting from {@link #DEFAULT}'s values. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from this configuration's values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.k = k;
    b.exclude = exclude;
    b.allowed = allowed;
    b.threads = threads;
    b.executor = executor;
    return b;
  }

  /** The number of neighbours to return per query. */
  public int k() {
    return k;
  }

  /** Ids that are never returned (an unmodifiable copy). */
  public Set<String> exclude() {
    return exclude;
  }

  /** Only ids this predicate accepts are returned; called inside the scan. */
  public Predicate<String> allowed() {
    return allowed;
  }

  /** The number of threads a batch search uses. */
  public int threads() {
    return threads;
  }

  /** The executor a batch search runs on, or {@code null} for a pool the search owns. */
  public Executor executor() {
    return executor;
  }

  @Override
  public String toString() {
    return "SearchOptions[k="
        + k
        + ", exclude="
        + exclude.size()
        + " ids, threads="
        + threads
        + (executor == null ? "" : ", caller executor")
        + "]";
  }

  /** Builds {@link SearchOptions}; {@link #get()} never changes the builder. */
  public static final class Builder {
    private int k = 10;
    private Set<String> exclude = Set.of();
    private Predicate<String> allowed = id -> true;
    private int threads = 1;
    private Executor executor;

    private Builder() {}

    /**
     * The number of neighbours per query, at least 1. A k larger than the number of rows that pass
     * the filters returns all of them.
     */
    public Builder setK(int k) {
      if (k < 1) {
        throw new IllegalArgumentException("k (" + k + ") must be at least 1");
      }
      this.k = k;
      return this;
    }

    /** Ids never to return, such as the query's own id or a seed audience; copied. */
    public Builder setExclude(Set<String> exclude) {
      this.exclude = Set.copyOf(Objects.requireNonNull(exclude, "exclude"));
      return this;
    }

    /** Only ids this predicate accepts are returned (for example users who gave consent). */
    public Builder setAllowed(Predicate<String> allowed) {
      this.allowed = Objects.requireNonNull(allowed, "allowed");
      return this;
    }

    /** Threads for batch searches, at least 1; a single query always runs on the caller. */
    public Builder setThreads(int threads) {
      if (threads < 1) {
        throw new IllegalArgumentException(
            "threads (" + threads + ") must be at least 1; use 1 to run on the caller's thread");
      }
      this.threads = threads;
      return this;
    }

    /**
     * Runs batch searches on the caller's executor instead of a pool the search creates and shuts
     * down: the calling thread scans too, and up to {@code threads − 1} tasks go to the executor.
     * {@code null} restores the default.
     */
    public Builder setExecutor(Executor executor) {
      this.executor = executor;
      return this;
    }

    /** The options set so far. */
    public SearchOptions get() {
      return new SearchOptions(this);
    }
  }
}
