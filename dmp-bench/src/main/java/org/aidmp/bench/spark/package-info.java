/**
 * JMH benchmarks of dmp on Spark ({@code local[2]}), with Spark MLlib and dmp in one JVM on the
 * same data in the same run. Spark is not in {@code benchmarks.jar} (it is a provided dependency),
 * so these run from the module's classpath:
 *
 * <pre>
 * mvn -B -q -pl dmp-bench -am package -DskipTests
 * mvn -B -q -pl dmp-bench dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 * java -Xmx10g --add-modules jdk.incubator.vector [the spark.jvm.args of the parent pom] \
 *   -cp dmp-bench/target/classes:$(cat /tmp/cp.txt) org.openjdk.jmh.Main SparkBenchmark \
 *   -f 1 -wi 1 -i 5
 * </pre>
 *
 * <p>The forked JVM inherits the host JVM's options (JMH's default), so the {@code --add-opens}
 * flags given on the command line reach it.
 */
package org.aidmp.bench.spark;
