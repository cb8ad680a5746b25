/**
 * CSV in and out: {@link org.aidmp.io.csv.CsvSource} reads records from files or any re-openable
 * stream (gzip included) in bounded memory, with typed errors ({@link
 * org.aidmp.data.BadRecordException}, with a {@link org.aidmp.data.BadRecordException.Problem}
 * code) that name source, line and column and per-pass counts ({@link org.aidmp.data.ReadCounts});
 * {@link org.aidmp.io.csv.CsvSink} writes records as RFC 4180 CSV and publishes files atomically;
 * {@link org.aidmp.io.csv.CsvQuarantine} streams rejected rows to a CSV file.
 *
 * <pre>{@code
 * try (CsvQuarantine rejects = CsvQuarantine.open(Path.of("rejects.csv"));
 *     CsvSink out = CsvSink.builder(Path.of("clean.csv.gz")).get()) {
 *   CsvSource in = CsvSource.builder(Path.of("events.csv"))
 *       .setBadRecordPolicy(BadRecordPolicy.QUARANTINE)
 *       .setQuarantine(rejects)
 *       .get();
 *   out.acceptAll(in);
 * }
 * }</pre>
 *
 * <p>Parsing is done by Apache Commons CSV; this package adds the decoding, limits, line numbers,
 * policies and counts around it.
 */
package org.aidmp.io.csv;
