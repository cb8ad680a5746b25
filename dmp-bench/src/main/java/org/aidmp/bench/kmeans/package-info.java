/**
 * JMH benchmarks of K-Means: a Lloyd iteration of dmp and of commons-math3 on the same data.
 *
 * <pre>
 * java -jar dmp-bench/target/benchmarks.jar LloydIterationBenchmark -p threads=2
 * </pre>
 */
package org.aidmp.bench.kmeans;
