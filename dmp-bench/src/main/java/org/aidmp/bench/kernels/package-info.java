/**
 * JMH micro-benchmarks of the scalar and Panama vector kernels.
 *
 * <pre>
 * java -jar dmp-bench/target/benchmarks.jar KernelBenchmark.nearestCentroids -p d=64
 * </pre>
 */
package org.aidmp.bench.kernels;
