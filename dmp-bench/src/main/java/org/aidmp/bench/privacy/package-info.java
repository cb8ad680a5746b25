/**
 * JMH benchmarks of the privacy machinery: keyed pseudonyms at intake against plain JDK HMAC.
 *
 * <pre>
 * java -jar dmp-bench/target/benchmarks.jar PseudonymBenchmark -f 1 -wi 2 -i 3
 * </pre>
 */
package org.aidmp.bench.privacy;
