/**
 * Exports of segments, lookalike audiences and recommendations as CSV, to local files (atomic
 * rename) or S3 (multipart uploads, committed only when whole), with a minimum group size so no
 * tiny group can be singled out.
 *
 * <pre>{@code
 * AudienceExporter.DEFAULT.exportSegments(segments, ExportTarget.file(Path.of("segments.csv")));
 * }</pre>
 */
package org.aidmp.io.export;
