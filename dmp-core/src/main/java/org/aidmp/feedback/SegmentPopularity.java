package org.aidmp.feedback;

import java.util.List;

/**
 * The most popular items of a segment: the cold-start answer for users the recommender does not
 * know. Segment −1 means "no segment yet" and should give overall popularity.
 *
 * <pre>{@code
 * SegmentPopularity p = (segment, n) -> popularity.top(segment, n);
 * }</pre>
 */
@FunctionalInterface
public interface SegmentPopularity {
  /** Up to {@code n} item ids of segment {@code segment} (−1: all users), most popular first. */
  List<String> top(int segment, int n);
}
