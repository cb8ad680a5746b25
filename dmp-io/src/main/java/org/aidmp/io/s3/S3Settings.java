package org.aidmp.io.s3;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

/**
 * How to reach an S3-compatible store: region, optional endpoint override, path-style access,
 * credentials (the SDK's default chain unless given), retries and timeouts. Immutable.
 *
 * <pre>{@code
 * S3Settings minio = S3Settings.builder()
 *     .setEndpoint(URI.create("http://127.0.0.1:9000"))
 *     .setRegion("us-east-1")
 *     .setPathStyleAccess(true)
 *     .get();
 * try (S3Client s3 = minio.newClient()) { ... }
 * }</pre>
 *
 * <p>{@link #toString()} names the credentials provider's type only, never a key or secret.
 */
public final class S3Settings {
  /** AWS defaults: the region from the environment is not consulted; us-east-1 unless set. */
  public static final S3Settings DEFAULT = builder().get();

  private final Region region;
  private final URI endpoint;
  private final boolean pathStyleAccess;
  private final AwsCredentialsProvider credentials;
  private final int maxAttempts;
  private final Duration retryBaseDelay;
  private final Duration connectTimeout;
  private final Duration readTimeout;

  private S3Settings(Builder b) {
    this.region = b.region;
    this.endpoint = b.endpoint;
    this.pathStyleAccess = b.pathStyleAccess;
    this.credentials = b.credentials;
    this.maxAttempts = b.maxAttempts;
    this.retryBaseDelay = b.retryBaseDelay;
    this.connectTimeout = b.connectTimeout;
    this.readTimeout = b.readTimeout;
    if (endpoint != null && !pathStyleAccess && isIpLiteral(endpoint.getHost())) {
      throw new IllegalArgumentException(
          "endpoint "
              + endpoint
              + " is an IP address, which cannot carry a bucket name as a"
              + " virtual host; call setPathStyleAccess(true)");
    }
  }

  private static boolean isIpLiteral(String host) {
    return host != null && (host.matches("[0-9.]+") || host.startsWith("["));
  }

  /** A builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder that starts from these settings. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.region = region;
    b.endpoint = endpoint;
    b.pathStyleAccess = pathStyleAccess;
    b.credentials = credentials;
    b.maxAttempts = maxAttempts;
    b.retryBaseDelay = retryBaseDelay;
    b.connectTimeout = connectTimeout;
    b.readTimeout = readTimeout;
    return b;
  }

  /** The region requests are signed for. */
  public Region region() {
    return region;
  }

  /** The endpoint override, or {@code null} for AWS's own endpoint of the region. */
  public URI endpoint() {
    return endpoint;
  }

  /** Whether buckets go in the path ({@code host/bucket/key}) rather than the host name. */
  public boolean pathStyleAccess() {
    return pathStyleAccess;
  }

  /** Attempts per request, the first included, before an error is given up on. */
  public int maxAttempts() {
    return maxAttempts;
  }

  /**
   * A new client for these settings, using the url-connection HTTP client. The caller closes it.
   */
  public S3Client newClient() {
    BackoffStrategy backoff =
        BackoffStrategy.exponentialDelay(retryBaseDelay, Duration.ofSeconds(20));
    var retry =
        AwsRetryStrategy.standardRetryStrategy().toBuilder()
            .maxAttempts(maxAttempts)
            .backoffStrategy(backoff)
            .throttlingBackoffStrategy(backoff)
            .build();
    var builder =
        S3Client.builder()
            .region(region)
            .credentialsProvider(credentials)
            .httpClientBuilder(
                UrlConnectionHttpClient.builder()
                    .connectionTimeout(connectTimeout)
                    .socketTimeout(readTimeout))
            .serviceConfiguration(
                S3Configuration.builder().pathStyleAccessEnabled(pathStyleAccess).build())
            .overrideConfiguration(
                ClientOverrideConfiguration.builder().retryStrategy(retry).build());
    if (endpoint != null) {
      builder.endpointOverride(endpoint);
    }
    return builder.build();
  }

  @Override
  public String toString() {
    return "S3Settings[region="
        + region
        + ", endpoint="
        + (endpoint == null ? "aws" : endpoint)
        + ", pathStyle="
        + pathStyleAccess
        + ", credentials="
        + credentials.getClass().getSimpleName()
        + ", maxAttempts="
        + maxAttempts
        + "]";
  }

  /** Sets options one at a time; {@link #get()} never changes the builder. */
  public static final class Builder {
    private Region region = Region.US_EAST_1;
    private URI endpoint;
    private boolean pathStyleAccess;
    private AwsCredentialsProvider credentials = DefaultCredentialsProvider.builder().build();
    private int maxAttempts = 5;
    private Duration retryBaseDelay = Duration.ofMillis(100);
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration readTimeout = Duration.ofSeconds(60);

    private Builder() {}

    /** The region, such as {@code "eu-west-1"}. */
    public Builder setRegion(String region) {
      Objects.requireNonNull(region, "region");
      if (region.isBlank()) {
        throw new IllegalArgumentException("region is blank; give one such as \"us-east-1\"");
      }
      this.region = Region.of(region);
      return this;
    }

    /** Sends requests to this endpoint instead of AWS (MinIO, S3Proxy, a VPC endpoint). */
    public Builder setEndpoint(URI endpoint) {
      Objects.requireNonNull(endpoint, "endpoint");
      // User info is checked first so that a password in the URL never reaches a message.
      if (endpoint.getRawUserInfo() != null) {
        throw new IllegalArgumentException(
            "the endpoint must not carry user info; give credentials with setCredentials");
      }
      String scheme = endpoint.getScheme();
      if (!"http".equals(scheme) && !"https".equals(scheme) || endpoint.getHost() == null) {
        throw new IllegalArgumentException(
            "endpoint '"
                + endpoint
                + "' is not an http(s) URL with a host; give one such as"
                + " http://127.0.0.1:9000");
      }
      this.endpoint = endpoint;
      return this;
    }

    /** Puts the bucket in the path; needed by most S3-compatible servers and IP endpoints. */
    public Builder setPathStyleAccess(boolean pathStyleAccess) {
      this.pathStyleAccess = pathStyleAccess;
      return this;
    }

    /** The credentials; the SDK's default chain (environment, profile, instance role) if unset. */
    public Builder setCredentials(AwsCredentialsProvider credentials) {
      this.credentials = Objects.requireNonNull(credentials, "credentials");
      return this;
    }

    /** Attempts per request including the first (default 5); 503 SlowDown is retried. */
    public Builder setMaxAttempts(int maxAttempts) {
      if (maxAttempts < 1 || maxAttempts > 20) {
        throw new IllegalArgumentException(
            "maxAttempts (" + maxAttempts + ") must be between 1 and 20");
      }
      this.maxAttempts = maxAttempts;
      return this;
    }

    /** The first retry's delay before jitter (default 100 ms); later ones double, up to 20 s. */
    public Builder setRetryBaseDelay(Duration delay) {
      Objects.requireNonNull(delay, "delay");
      if (delay.isNegative() || delay.compareTo(Duration.ofMinutes(1)) > 0) {
        throw new IllegalArgumentException(
            "retryBaseDelay (" + delay + ") must be between 0 and 1 minute");
      }
      this.retryBaseDelay = delay;
      return this;
    }

    /** How long to wait for a connection (default 10 s). */
    public Builder setConnectTimeout(Duration timeout) {
      this.connectTimeout = positive(timeout, "connectTimeout");
      return this;
    }

    /** How long a read may block before the connection counts as cut (default 60 s). */
    public Builder setReadTimeout(Duration timeout) {
      this.readTimeout = positive(timeout, "readTimeout");
      return this;
    }

    private static Duration positive(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " (" + d + ") must be positive");
      }
      return d;
    }

    /** The settings. */
    public S3Settings get() {
      return new S3Settings(this);
    }
  }
}
