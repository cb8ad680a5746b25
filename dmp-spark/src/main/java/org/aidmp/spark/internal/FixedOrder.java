package org.aidmp.spark.internal;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.function.Function2;
import scala.Tuple2;

/**
 * Reduces one partial result per partition in partition order, whatever order the tasks finish in,
 * so that floating-point sums come out bit-identical on every run. Up to {@link #FANOUT} partials
 * are merged on the driver; more are first merged in groups of {@link #FANOUT} consecutive
 * partitions on the executors, level by level (a tree whose shape depends only on the number of
 * partitions).
 */
public final class FixedOrder {
  /** Partials merged by one task or by the driver. */
  public static final int FANOUT = 32;

  private FixedOrder() {}

  /**
   * Merges the partials keyed by partition index in ascending index order.
   *
   * @param merge folds the right partial into the left one and returns it; may modify the left
   */
  public static <T extends Serializable> T reduce(
      JavaPairRDD<Integer, T> partials, Function2<T, T, T> merge) throws Exception {
    JavaPairRDD<Integer, T> level = partials;
    long count = partials.getNumPartitions();
    while (count > FANOUT) {
      level =
          level
              .mapToPair(t -> new Tuple2<>(t._1 / FANOUT, t))
              .groupByKey()
              .mapValues(
                  group -> {
                    List<Tuple2<Integer, T>> sorted = new ArrayList<>();
                    group.forEach(sorted::add);
                    sorted.sort((a, b) -> Integer.compare(a._1, b._1));
                    T acc = sorted.get(0)._2;
                    for (int i = 1; i < sorted.size(); i++) {
                      acc = merge.call(acc, sorted.get(i)._2);
                    }
                    return acc;
                  });
      count = (count + FANOUT - 1) / FANOUT;
    }
    List<Tuple2<Integer, T>> all = new ArrayList<>(level.collect());
    all.sort((a, b) -> Integer.compare(a._1, b._1));
    if (all.isEmpty()) {
      return null;
    }
    T acc = all.get(0)._2;
    for (int i = 1; i < all.size(); i++) {
      acc = merge.call(acc, all.get(i)._2);
    }
    return acc;
  }
}
