/**
 * Reading from S3 and S3-compatible stores: {@link org.aidmp.io.s3.S3Source} lists a prefix
 * (following pagination), streams each object into a parser with resume-on-cut and gzip expansion
 * caps, and records finished objects in an {@link org.aidmp.io.s3.S3ReadLog} so an interrupted run
 * resumes without duplicates or gaps. {@link org.aidmp.io.s3.S3Settings} builds the client
 * (endpoint override, region, path style, default credentials chain, retries).
 *
 * <pre>{@code
 * S3Client s3 = S3Settings.builder().setRegion("eu-west-1").get().newClient();
 * Source events = S3Source.builder(s3).setBucket("acme-events").setPrefix("2026/11/").get();
 * }</pre>
 *
 * <p>No credentials, headers or object contents appear in logs, messages or {@code toString()}.
 */
package org.aidmp.io.s3;
