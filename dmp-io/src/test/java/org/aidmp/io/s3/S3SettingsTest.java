package org.aidmp.io.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

class S3SettingsTest {
  @Test
  void toStringNeverShowsCredentials() {
    S3Settings s =
        S3Settings.builder()
            .setEndpoint(URI.create("http://127.0.0.1:9000"))
            .setPathStyleAccess(true)
            .setCredentials(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create("AKIAEXAMPLEKEY", "very-secret-value")))
            .get();
    assertFalse(s.toString().contains("AKIAEXAMPLEKEY"), s.toString());
    assertFalse(s.toString().contains("very-secret-value"), s.toString());
    assertTrue(s.toString().contains("StaticCredentialsProvider"), s.toString());
  }

  @Test
  void toBuilderKeepsEveryOption() {
    S3Settings s =
        S3Settings.builder()
            .setRegion("eu-west-1")
            .setEndpoint(URI.create("https://s3.example.test"))
            .setPathStyleAccess(true)
            .setMaxAttempts(7)
            .get();
    S3Settings t = s.toBuilder().get();
    assertEquals(s.toString(), t.toString());
    assertEquals(7, t.maxAttempts());
    assertEquals("eu-west-1", t.region().id());
  }

  @Test
  void badValuesAreRejectedWithTheValueAndFix() {
    S3Settings.Builder b = S3Settings.builder();
    IllegalArgumentException scheme =
        assertThrows(IllegalArgumentException.class, () -> b.setEndpoint(URI.create("ftp://host")));
    assertTrue(scheme.getMessage().contains("ftp://host"), scheme.getMessage());
    IllegalArgumentException userInfo =
        assertThrows(
            IllegalArgumentException.class, () -> b.setEndpoint(URI.create("ftp://user:pw@host")));
    assertFalse(userInfo.getMessage().contains("pw"), userInfo.getMessage());
    assertThrows(IllegalArgumentException.class, () -> b.setMaxAttempts(0));
    assertThrows(IllegalArgumentException.class, () -> b.setRegion(" "));
    IllegalArgumentException ip =
        assertThrows(
            IllegalArgumentException.class,
            () -> S3Settings.builder().setEndpoint(URI.create("http://127.0.0.1:9000")).get());
    assertTrue(ip.getMessage().contains("setPathStyleAccess(true)"), ip.getMessage());
  }
}
