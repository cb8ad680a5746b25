/** Ingestion benchmarks: the whole read + clean + profile path against bare CSV parsing. */
package org.aidmp.bench.ingest;
