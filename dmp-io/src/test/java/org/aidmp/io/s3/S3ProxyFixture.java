package org.aidmp.io.s3;

import java.net.URI;
import java.util.Properties;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Client;

/** A real S3 server (S3Proxy over a transient in-memory store) on 127.0.0.1, for tests. */
public final class S3ProxyFixture implements AutoCloseable {
  public static final String ACCESS_KEY = "test-access-key";
  public static final String SECRET_KEY = "test-secret-key-never-logged";

  private final S3Proxy proxy;
  private final org.gaul.s3proxy.blobstore.BlobStore store;
  public final URI endpoint;
  public final S3Settings settings;

  /** Starts the server on a free loopback port. */
  public S3ProxyFixture() throws Exception {
    Properties p = new Properties();
    p.setProperty("jclouds.identity", "identity");
    p.setProperty("jclouds.credential", "credential");
    store = BlobStores.create("transient", p);
    proxy =
        S3Proxy.builder()
            .blobStore(store)
            .endpoint(URI.create("http://127.0.0.1:0"))
            .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
            .build();
    proxy.start();
    while (!proxy.getState().equals("STARTED")) {
      Thread.sleep(5);
    }
    endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
    settings =
        S3Settings.builder()
            .setEndpoint(endpoint)
            .setRegion("us-east-1")
            .setPathStyleAccess(true)
            .setCredentials(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
            .get();
  }

  /**
   * Puts an object straight into the server's store, without HTTP: for bulk test data whose upload
   * is not what a test checks. Reads still go through the S3 protocol.
   */
  public void seed(String bucket, String key, byte[] body) {
    store.putBlob(
        software.amazon.awssdk.services.s3.model.PutObjectRequest.builder()
            .bucket(bucket)
            .key(key)
            .contentLength((long) body.length)
            .build(),
        new java.io.ByteArrayInputStream(body));
  }

  /** A new client for the server; the caller closes it. */
  public S3Client client() {
    return settings.newClient();
  }

  @Override
  public void close() throws Exception {
    proxy.stop();
  }
}
