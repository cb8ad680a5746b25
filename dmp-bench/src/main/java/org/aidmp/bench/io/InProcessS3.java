package org.aidmp.bench.io;

import java.net.URI;
import java.util.Properties;
import org.aidmp.io.s3.S3Settings;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * An S3 server (S3Proxy over its transient in-memory store) on a free 127.0.0.1 port, for
 * benchmarks that read from a real S3 protocol stack without leaving the machine.
 *
 * <pre>{@code
 * try (InProcessS3 s3 = InProcessS3.start(); S3Client client = s3.settings().newClient()) { ... }
 * }</pre>
 */
public final class InProcessS3 implements AutoCloseable {
  private static final String ACCESS = "bench-access";
  private static final String SECRET = "bench-secret";

  private final S3Proxy proxy;
  private final S3Settings settings;

  private InProcessS3(S3Proxy proxy, S3Settings settings) {
    this.proxy = proxy;
    this.settings = settings;
  }

  /** Starts the server and waits until it accepts requests. */
  public static InProcessS3 start() throws Exception {
    Properties p = new Properties();
    p.setProperty("jclouds.identity", "identity");
    p.setProperty("jclouds.credential", "credential");
    S3Proxy proxy =
        S3Proxy.builder()
            .blobStore(BlobStores.create("transient", p))
            .endpoint(URI.create("http://127.0.0.1:0"))
            .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS, SECRET)
            .build();
    proxy.start();
    while (!"STARTED".equals(proxy.getState())) {
      Thread.sleep(5);
    }
    S3Settings settings =
        S3Settings.builder()
            .setEndpoint(URI.create("http://127.0.0.1:" + proxy.getPort()))
            .setPathStyleAccess(true)
            .setCredentials(
                StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS, SECRET)))
            .get();
    return new InProcessS3(proxy, settings);
  }

  /** Settings that reach this server. */
  public S3Settings settings() {
    return settings;
  }

  @Override
  public void close() throws Exception {
    proxy.stop();
  }
}
