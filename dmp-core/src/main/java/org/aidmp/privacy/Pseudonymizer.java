package org.aidmp.privacy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.crypto.Mac;

/**
 * Turns user ids into pseudonyms: {@code <key id>.<HMAC-SHA-256 of the id's UTF-8 bytes, 43
 * characters of unpadded URL-safe Base64>}. The same id and key always give the same pseudonym;
 * without the key a pseudonym cannot be linked back to its id or recomputed from a guessed id.
 *
 * <pre>{@code
 * Pseudonymizer ids = Pseudonymizer.of(PseudonymKey.of("k1", secret));
 * String p = ids.pseudonym("alice@example.com");   // "k1.Xq3…" (46 characters)
 * ids.matches("alice@example.com", p);              // true
 * }</pre>
 *
 * <p>All pseudonyms of one key have the same length: the key id, a dot, 43 characters from {@code
 * A–Z a–z 0–9 - _}. The dot never occurs in the hash, so {@link #keyIdOf} can always split them.
 *
 * <h2>Rotating the key</h2>
 *
 * A pseudonym cannot be turned into another without the raw id: that is the point of it. To move to
 * a new key:
 *
 * <ol>
 *   <li>make the new key with a new id and build {@code Pseudonymizer.builder().setKey(newKey)
 *       .addRetiredKey(oldKey).get()}; from then on intake writes new pseudonyms, and {@link
 *       #keyIdOf} tells old from new wherever both are stored;
 *   <li>from the system that holds the raw ids (the CRM, the raw event archive), build the
 *       translation with {@link #rekeyTable(Iterable, String)} or one id at a time with {@link
 *       #rekey(String, String)}, which checks that the old pseudonym belongs to the raw id;
 *   <li>rename the users in every stored part through that table, or rebuild the parts from the raw
 *       sources with the new pseudonymizer;
 *   <li>when no old pseudonym is left, drop the old key from the builder and destroy its secret.
 * </ol>
 *
 * <p>Immutable and thread-safe. Each thread keeps its own {@link Mac} per key, initialised once, so
 * hashing at intake costs one HMAC and no allocation besides the returned string.
 */
public final class Pseudonymizer {
  /** Characters of the hash part: 256 bits in unpadded Base64. */
  public static final int HASH_CHARS = 43;

  private static final byte[] ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
          .getBytes(StandardCharsets.US_ASCII);

  private final PseudonymKey key;
  private final Map<String, Hasher> hashers;

  private Pseudonymizer(Builder b) {
    if (b.key == null) {
      throw new IllegalArgumentException("no key set; call setKey(PseudonymKey.of(id, secret))");
    }
    this.key = b.key;
    Map<String, Hasher> m = new LinkedHashMap<>();
    m.put(b.key.id(), new Hasher(b.key));
    for (PseudonymKey k : b.retired.values()) {
      if (m.put(k.id(), new Hasher(k)) != null) {
        throw new IllegalArgumentException(
            "key id '" + k.id() + "' is used twice; give every key its own id");
      }
    }
    this.hashers = Map.copyOf(m);
  }

  /** A pseudonymizer with one key and no retired keys. */
  public static Pseudonymizer of(PseudonymKey key) {
    return builder().setKey(key).get();
  }

  /** A new builder; the key must be set. */
  public static Builder builder() {
    return new Builder();
  }

  /** The id of the key new pseudonyms are made with. */
  public String keyId() {
    return key.id();
  }

  /** The ids of every key this pseudonymizer knows, current and retired. */
  public Set<String> keyIds() {
    return hashers.keySet();
  }

  /** The length of every pseudonym made with the current key. */
  public int length() {
    return key.id().length() + 1 + HASH_CHARS;
  }

  /**
   * The pseudonym of {@code rawId} under the current key.
   *
   * @throws IllegalArgumentException if the id is empty
   */
  public String pseudonym(String rawId) {
    return hashers.get(key.id()).hash(rawId);
  }

  /**
   * The pseudonym of {@code rawId} under the key named {@code keyId}, current or retired.
   *
   * @throws IllegalArgumentException if no such key is known
   */
  public String pseudonym(String rawId, String keyId) {
    return hasher(keyId).hash(rawId);
  }

  /** Whether {@code s} has the shape of a pseudonym of one of this pseudonymizer's keys. */
  public boolean isPseudonym(String s) {
    int dot = s == null ? -1 : s.indexOf('.');
    if (dot <= 0
        || s.length() != dot + 1 + HASH_CHARS
        || !hashers.containsKey(s.substring(0, dot))) {
      return false;
    }
    for (int i = dot + 1; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!(c >= 'A' && c <= 'Z'
          || c >= 'a' && c <= 'z'
          || c >= '0' && c <= '9'
          || c == '-'
          || c == '_')) {
        return false;
      }
    }
    return true;
  }

  /**
   * The id of the key a pseudonym was made with.
   *
   * @throws IllegalArgumentException if it is not a pseudonym of a known key
   */
  public String keyIdOf(String pseudonym) {
    if (!isPseudonym(pseudonym)) {
      throw new IllegalArgumentException(
          "the value is not a pseudonym of the keys " + hashers.keySet() + "; check the key ids");
    }
    return pseudonym.substring(0, pseudonym.indexOf('.'));
  }

  /**
   * Whether {@code pseudonym} was made from {@code rawId} with the key its prefix names; compares
   * in constant time.
   */
  public boolean matches(String rawId, String pseudonym) {
    if (!isPseudonym(pseudonym)) {
      return false;
    }
    byte[] expected = pseudonym(rawId, keyIdOf(pseudonym)).getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(expected, pseudonym.getBytes(StandardCharsets.US_ASCII));
  }

  /**
   * The current-key pseudonym for a user known by an old pseudonym, given the raw id.
   *
   * @throws IllegalArgumentException if {@code oldPseudonym} was not made from {@code rawId} by a
   *     known key
   */
  public String rekey(String oldPseudonym, String rawId) {
    if (!matches(rawId, oldPseudonym)) {
      throw new IllegalArgumentException(
          "the old pseudonym was not made from the given raw id by any of the keys "
              + hashers.keySet()
              + "; pair each pseudonym with its own raw id");
    }
    return pseudonym(rawId);
  }

  /**
   * The translation old pseudonym → current pseudonym for the given raw ids, old ones made with the
   * key {@code fromKeyId}; in the order of the ids, duplicates once.
   */
  public Map<String, String> rekeyTable(Iterable<String> rawIds, String fromKeyId) {
    Hasher from = hasher(fromKeyId);
    Hasher to = hashers.get(key.id());
    Map<String, String> table = new LinkedHashMap<>();
    for (String id : rawIds) {
      table.put(from.hash(id), to.hash(id));
    }
    return table;
  }

  private Hasher hasher(String keyId) {
    Hasher h = hashers.get(Objects.requireNonNull(keyId, "keyId"));
    if (h == null) {
      throw new IllegalArgumentException(
          "no key with id '" + keyId + "'; the known keys are " + hashers.keySet());
    }
    return h;
  }

  /** Names the keys, never their secrets. */
  @Override
  public String toString() {
    return "Pseudonymizer[key=" + key.id() + ", keys=" + hashers.keySet() + "]";
  }

  /** One key's HMAC, with a {@link Mac} and buffers per thread. */
  private static final class Hasher {
    private final PseudonymKey key;
    private final byte[] prefix;
    private final ThreadLocal<Worker> workers;

    Hasher(PseudonymKey key) {
      this.key = key;
      this.prefix = (key.id() + ".").getBytes(StandardCharsets.US_ASCII);
      this.workers = ThreadLocal.withInitial(this::newWorker);
      newWorker(); // fail here, not on first use, if the JDK lacks HmacSHA256
    }

    private Worker newWorker() {
      try {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(key.spec());
        return new Worker(mac, prefix);
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
      }
    }

    String hash(String rawId) {
      Objects.requireNonNull(rawId, "rawId");
      if (rawId.isEmpty()) {
        throw new IllegalArgumentException("the id is empty; every user needs an id");
      }
      return workers.get().hash(rawId);
    }
  }

  /** One thread's HMAC state and buffers. */
  private static final class Worker {
    private final Mac mac;
    private final byte[] digest = new byte[32];
    private final byte[] out;
    private final int start;
    private byte[] in = new byte[64];

    Worker(Mac mac, byte[] prefix) {
      this.mac = mac;
      this.start = prefix.length;
      this.out = new byte[prefix.length + HASH_CHARS];
      System.arraycopy(prefix, 0, out, 0, prefix.length);
    }

    String hash(String id) {
      int n = id.length();
      boolean ascii = true;
      if (in.length < n) {
        in = new byte[Math.max(n, in.length * 2)];
      }
      for (int i = 0; i < n; i++) {
        char c = id.charAt(i);
        if (c >= 0x80) {
          ascii = false;
          break;
        }
        in[i] = (byte) c;
      }
      try {
        if (ascii) {
          mac.update(in, 0, n);
        } else {
          mac.update(id.getBytes(StandardCharsets.UTF_8));
        }
        mac.doFinal(digest, 0);
      } catch (javax.crypto.ShortBufferException e) {
        throw new IllegalStateException(e);
      }
      encode(digest, out, start);
      return new String(out, StandardCharsets.ISO_8859_1);
    }
  }

  /** Unpadded URL-safe Base64 of 32 bytes into 43 characters at {@code at}. */
  static void encode(byte[] d, byte[] out, int at) {
    int o = at;
    int i = 0;
    for (; i + 3 <= 30; i += 3) {
      int v = (d[i] & 0xff) << 16 | (d[i + 1] & 0xff) << 8 | d[i + 2] & 0xff;
      out[o++] = ALPHABET[v >>> 18];
      out[o++] = ALPHABET[v >>> 12 & 63];
      out[o++] = ALPHABET[v >>> 6 & 63];
      out[o++] = ALPHABET[v & 63];
    }
    int v = (d[30] & 0xff) << 8 | d[31] & 0xff;
    out[o++] = ALPHABET[v >>> 10];
    out[o++] = ALPHABET[v >>> 4 & 63];
    out[o] = ALPHABET[v << 2 & 63];
  }

  /** Builds a {@link Pseudonymizer}; {@link #get()} never changes the builder. */
  public static final class Builder {
    private PseudonymKey key;
    private final Map<String, PseudonymKey> retired = new LinkedHashMap<>();

    private Builder() {}

    /** The key new pseudonyms are made with. */
    public Builder setKey(PseudonymKey key) {
      this.key = Objects.requireNonNull(key, "key");
      return this;
    }

    /** A former key, still recognised and usable for re-keying, never for new pseudonyms. */
    public Builder addRetiredKey(PseudonymKey key) {
      Objects.requireNonNull(key, "key");
      if (retired.putIfAbsent(key.id(), key) != null) {
        throw new IllegalArgumentException(
            "a retired key with id '" + key.id() + "' was already added; add each key once");
      }
      return this;
    }

    /** The pseudonymizer. */
    public Pseudonymizer get() {
      return new Pseudonymizer(this);
    }
  }
}
