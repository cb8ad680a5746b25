/**
 * Many files read as one source: a folder, a glob or an explicit list ({@link
 * org.aidmp.io.files.FileSet}), each file parsed by a per-file format (CSV by default), in a stable
 * order, with per-file and total row counts ({@link org.aidmp.data.ReadCounts}) and a resume log
 * ({@link org.aidmp.io.files.FileReadLog}) that records a file only when the consumer acknowledges
 * it. The files may be local or objects in a bucket ({@code S3Source.files} in {@code
 * org.aidmp.io.s3}, which depends on this package and not the other way round), each a named stream
 * of bytes ({@link org.aidmp.io.files.InputFile}); the read log records both, and serves an {@code
 * S3Source} too.
 */
package org.aidmp.io.files;
