/**
 * Gradient-boosted decision trees: {@link org.aidmp.predict.tree.GradientBoosting} fits, from
 * quantile-binned histograms, a {@link org.aidmp.predict.tree.GbtModel} kept in flat node arrays,
 * with native missing values and categorical splits, TreeSHAP explanations and gain importance.
 */
package org.aidmp.predict.tree;
