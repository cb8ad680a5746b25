/**
 * Many local files read as one source: a folder, a glob or an explicit list ({@link
 * org.aidmp.io.files.FileSet}), each file parsed by a per-file format (CSV by default), in a stable
 * order, with per-file and total row counts ({@link org.aidmp.io.files.ReadCounts}) and a resume
 * log ({@link org.aidmp.io.files.FileReadLog}) that records a file only when the consumer
 * acknowledges it. Objects in a bucket are read the same way by {@link org.aidmp.io.s3.S3Source}.
 */
package org.aidmp.io.files;
