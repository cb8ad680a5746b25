/**
 * dmp's input and output: CSV and S3 sources and sinks, {@code .npy} matrices, snapshots, exports
 * and the HTML segment report.
 */
module org.aidmp.io {
  requires transitive org.aidmp.core;
  requires com.fasterxml.jackson.core;
  requires org.apache.commons.csv;
  requires org.slf4j;
  requires software.amazon.awssdk.auth;
  requires software.amazon.awssdk.awscore;
  requires software.amazon.awssdk.core;
  requires software.amazon.awssdk.http.urlconnection;
  requires software.amazon.awssdk.regions;
  requires software.amazon.awssdk.retries;
  requires software.amazon.awssdk.retries.api;
  requires software.amazon.awssdk.services.s3;
  requires software.amazon.awssdk.http;
  requires software.amazon.awssdk.utils;

  exports org.aidmp.io.csv;
  exports org.aidmp.io.export;
  exports org.aidmp.io.files;
  exports org.aidmp.io.json;
  exports org.aidmp.io.npy;
  exports org.aidmp.io.report;
  exports org.aidmp.io.s3;
  exports org.aidmp.io.snapshot;

// org.aidmp.io.internal.* is not exported: helpers shared by the packages above.
}
