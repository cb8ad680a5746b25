/**
 * Exports of segments, lookalike and score audiences and recommendations as CSV, to local files
 * (atomic rename) or S3 (multipart uploads, committed only when whole), with a minimum group size
 * so no tiny group can be singled out. Exports take the core results as they are: {@link
 * org.aidmp.audience.Audience}s, and each user's list of {@link
 * org.aidmp.recommend.Recommendation}s best first.
 *
 * <pre>{@code
 * AudienceExporter.DEFAULT.exportSegments(segments, ExportTarget.file(Path.of("segments.csv")));
 * }</pre>
 */
package org.aidmp.io.export;
