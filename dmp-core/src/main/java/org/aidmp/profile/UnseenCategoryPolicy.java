package org.aidmp.profile;

/**
 * What a {@link FeatureTransform} does with a categorical attribute value that is not in the
 * vocabulary it was fitted with: new since fitting, or left out by the per-attribute category
 * limit. A missing value always gives all zeros.
 *
 * <pre>{@code
 * FeatureSpec spec = FeatureSpec.builder()
 *     .setCategoricalAttributes(List.of("country"))
 *     .setUnseenCategoryPolicy(UnseenCategoryPolicy.OTHER)
 *     .get();
 * }</pre>
 */
public enum UnseenCategoryPolicy {
  /** All the attribute's indicator columns are 0. */
  IGNORE,
  /**
   * Transforming fails with an {@link IllegalArgumentException}; fitting fails if the category
   * limit would leave values out.
   */
  ERROR,
  /** An extra "other" indicator column, present from fitting on, is 1. */
  OTHER
}
