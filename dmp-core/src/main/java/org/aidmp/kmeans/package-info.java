/**
 * K-Means segmentation: {@link org.aidmp.kmeans.KMeans} (configuration and fit), {@link
 * org.aidmp.kmeans.KMeansModel} (centroids, labels, predict, save and load), quality metrics,
 * personas and the choice of k.
 *
 * <pre>{@code
 * KMeansModel model = KMeans.builder().setK(8).setRestarts(4).setThreads(2).get().fit(features);
 * }</pre>
 */
package org.aidmp.kmeans;
