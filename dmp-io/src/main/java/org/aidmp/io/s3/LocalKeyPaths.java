package org.aidmp.io.s3;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Maps object keys to files under a local folder so that no key, however hostile ({@code ../},
 * absolute, backslashes, {@code %2e%2e}, NUL, a kilobyte long), can name a file outside it.
 *
 * <p>Behind {@link S3Source#localPath}, which documents the mapping. Internal.
 */
final class LocalKeyPaths {
  private static final int MAX_SEGMENT_BYTES = 200;

  private LocalKeyPaths() {}

  /**
   * The file under {@code root} for {@code key}.
   *
   * @throws IllegalArgumentException if the key is empty
   */
  static Path resolve(Path root, String key) {
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(key, "key");
    if (key.isEmpty()) {
      throw new IllegalArgumentException("object key is empty; it cannot name a file");
    }
    Path base = root.toAbsolutePath().normalize();
    Path p = base;
    for (String segment : key.split("/", -1)) {
      p = p.resolve(encodeSegment(segment));
    }
    Path normal = p.normalize();
    if (!normal.startsWith(base) || normal.equals(base)) {
      // Unreachable by construction; kept as a last line of defence.
      throw new IllegalArgumentException("object key maps outside " + base + "; refused");
    }
    return normal;
  }

  static String encodeSegment(String segment) {
    if (segment.isEmpty()) {
      return "%";
    }
    if (segment.equals(".") || segment.equals("..")) {
      return segment.replace(".", "%2E");
    }
    StringBuilder sb = new StringBuilder();
    for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xFF;
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '_'
          || c == '.') {
        sb.append((char) c);
      } else {
        sb.append('%')
            .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
      }
    }
    String enc = sb.toString();
    if (enc.length() > MAX_SEGMENT_BYTES) {
      enc = enc.substring(0, MAX_SEGMENT_BYTES - 33) + "~" + sha256Prefix(segment);
    }
    return enc;
  }

  private static String sha256Prefix(String s) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }
}
