package org.aidmp.privacy;

import java.security.SecureRandom;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.crypto.spec.SecretKeySpec;

/**
 * A secret key for pseudonyms and the short public id that names it inside every pseudonym it
 * makes, so that pseudonyms of two keys can coexist during a rotation.
 *
 * <pre>{@code
 * byte[] secret = vault.read("dmp-pseudonym-key-2026");   // 32 or more random bytes, kept by the host
 * PseudonymKey key = PseudonymKey.of("k2026", secret);
 * Pseudonymizer ids = Pseudonymizer.of(key);
 * }</pre>
 *
 * <p>The secret is copied in; it never appears in {@link #toString()}, in log lines or in exception
 * messages, and no method hands it out. Keep the secret where the host keeps its other secrets:
 * whoever holds it and a list of candidate ids can recompute every pseudonym.
 */
public final class PseudonymKey {
  /** The shortest secret accepted: 32 bytes, the output size of SHA-256. */
  public static final int MIN_SECRET_BYTES = 32;

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9]{1,16}");

  private final String id;
  private final SecretKeySpec secret;

  private PseudonymKey(String id, byte[] secret) {
    this.id = id;
    this.secret = new SecretKeySpec(secret, "HmacSHA256");
  }

  /**
   * A key from secret bytes the host supplies.
   *
   * @param id a public name for the key: 1 to 16 ASCII letters or digits, unique among the keys in
   *     use; it starts every pseudonym the key makes
   * @param secret at least {@link #MIN_SECRET_BYTES} random bytes; copied
   */
  public static PseudonymKey of(String id, byte[] secret) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(secret, "secret");
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException(
          "key id '" + id + "' is not valid; use 1 to 16 ASCII letters or digits, such as k2026");
    }
    if (secret.length < MIN_SECRET_BYTES) {
      throw new IllegalArgumentException(
          "the secret has "
              + secret.length
              + " bytes; give at least "
              + MIN_SECRET_BYTES
              + " random bytes (generate them once with SecureRandom and keep them safe)");
    }
    return new PseudonymKey(id, secret.clone());
  }

  /**
   * A new key with {@link #MIN_SECRET_BYTES} bytes from {@link SecureRandom}. The host must store
   * it (see {@link #exportSecret()}) or every pseudonym it makes is lost with the process.
   */
  public static PseudonymKey generate(String id) {
    byte[] b = new byte[MIN_SECRET_BYTES];
    new SecureRandom().nextBytes(b);
    return of(id, b);
  }

  /** The key's public id. */
  public String id() {
    return id;
  }

  /**
   * A copy of the secret, for the host to store in its secret manager right after {@link
   * #generate}. The library never calls this.
   */
  public byte[] exportSecret() {
    return secret.getEncoded();
  }

  /** The secret as a JCA key, for this package's HMAC. */
  SecretKeySpec spec() {
    return secret;
  }

  /** Names the key, never its secret. */
  @Override
  public String toString() {
    return "PseudonymKey[" + id + "]";
  }
}
