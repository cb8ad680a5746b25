/**
 * Storage benchmarks: CSV ingest from an in-process S3 server against local files, and snapshot
 * save and load against plain data streams, each peer in the same class so one run gives the ratio.
 *
 * <pre>{@code
 * java -jar dmp-bench/target/benchmarks.jar 'org.aidmp.bench.io.*' -f 1 -wi 2 -i 3
 * }</pre>
 */
package org.aidmp.bench.io;
