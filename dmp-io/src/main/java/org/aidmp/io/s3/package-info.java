/**
 * Reading from S3 and S3-compatible stores: {@link org.aidmp.io.s3.S3Source} lists a prefix
 * (following pagination), streams each object into a parser with resume-on-cut and gzip expansion
 * caps, and records finished objects in an {@link org.aidmp.io.files.FileReadLog} so an interrupted
 * run resumes without duplicates or gaps. {@link org.aidmp.io.s3.S3Settings} builds the client
 * (endpoint override, region, path style, default credentials chain, retries). {@link
 * org.aidmp.io.s3.S3Source#files(software.amazon.awssdk.services.s3.S3Client, String)} hands the
 * objects to a {@link org.aidmp.io.files.MultiFileSource} as files instead.
 *
 * <pre>{@code
 * S3Client s3 = S3Settings.builder().setRegion("eu-west-1").get().newClient();
 * Source events = S3Source.builder(s3).setBucket("acme-events").setPrefix("2026/11/").get();
 * }</pre>
 *
 * <p>No credentials, headers or object contents appear in logs, messages or {@code toString()}.
 */
package org.aidmp.io.s3;
