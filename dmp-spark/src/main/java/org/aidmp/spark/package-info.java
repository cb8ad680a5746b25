/**
 * The dmp stages on Apache Spark {@code Dataset<Row>}s, with dmp's kernels inside the partitions:
 * profiles and features as Spark SQL aggregations ({@link org.aidmp.spark.SparkProfiles}), K-Means
 * ({@link org.aidmp.spark.SparkKMeans}), exact cosine top-k for lookalikes and neighbours ({@link
 * org.aidmp.spark.SparkCosine}), batch recommendations ({@link org.aidmp.spark.SparkRecommend}) and
 * consent-aware outputs ({@link org.aidmp.spark.SparkOutputs}).
 *
 * <p>Spark is a {@code provided} dependency: the cluster supplies it. Every model these classes
 * return is the single-JVM library's own type ({@link org.aidmp.kmeans.KMeansModel}, {@link
 * org.aidmp.profile.FeatureTransform}), so a model trained on Spark scores users live in one JVM.
 */
package org.aidmp.spark;
