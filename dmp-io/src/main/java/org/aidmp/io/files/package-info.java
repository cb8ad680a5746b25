/**
 * Many files read as one source: a folder, a glob or an explicit list ({@link
 * org.aidmp.io.files.FileSet}), each file parsed by a per-file format (CSV by default), in a stable
 * order, with per-file and total row counts ({@link org.aidmp.data.ReadCounts}) and a resume log
 * ({@link org.aidmp.io.files.FileReadLog}) that records a file only when the consumer acknowledges
 * it. The files may be local or objects in a bucket ({@link
 * org.aidmp.io.files.FileSet#s3(software.amazon.awssdk.services.s3.S3Client, String)}), each a
 * named stream of bytes ({@link org.aidmp.io.files.InputFile}).
 */
package org.aidmp.io.files;
