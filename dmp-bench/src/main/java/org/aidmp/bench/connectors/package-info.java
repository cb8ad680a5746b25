/**
 * Read throughput of the JSON Lines, Parquet and JDBC sources against their bare peers (Jackson
 * alone, parquet-java alone, a plain JDBC loop) on the same events, in the same run.
 */
package org.aidmp.bench.connectors;
