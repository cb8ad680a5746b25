/**
 * Parquet files as sources and sinks: {@link org.aidmp.parquet.ParquetSource} reads the columns a
 * pipeline needs (projection, row-group filtering, nested fields by dotted path, logical types
 * mapped to the schema) and {@link org.aidmp.parquet.ParquetSink} writes records, such as exported
 * audiences, segments, scores and recommendations. Local files only, through parquet-java's {@code
 * LocalInputFile} and {@code LocalOutputFile}; no HDFS.
 */
package org.aidmp.parquet;
