package org.aidmp.bench.privacy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.aidmp.privacy.PseudonymKey;
import org.aidmp.privacy.Pseudonymizer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Nanoseconds per id for {@link Pseudonymizer#pseudonym(String)} (HMAC-SHA-256 with a {@link Mac}
 * kept per thread, its own Base64) against three peers in the same run on the same ids: the plain
 * JDK way with a reused {@code Mac} ({@code Mac.doFinal} of {@code getBytes(UTF_8)}, then {@code
 * Base64.getUrlEncoder()}), the naive way that gets and initialises a new {@code Mac} per id, and
 * an unkeyed SHA-256 with a reused {@code MessageDigest} (fast but unsafe: anyone can hash guessed
 * ids).
 *
 * <p>{@code java -jar dmp-bench/target/benchmarks.jar PseudonymBenchmark -f 1 -wi 2 -i 3}
 *
 * <p>Ids are generated from a seed: 4,096 ASCII ids of {@code idLength} characters ({@code 8} like
 * {@code u1234567}, {@code 40} like an e-mail address), cycled; one thread.
 */
@State(Scope.Thread)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx1g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PseudonymBenchmark {
  /** Characters per id. */
  @Param({"8", "40"})
  public int idLength;

  static final int IDS = 4096;
  static final byte[] SECRET = new byte[32];

  static {
    new SplittableRandom(42).nextBytes(SECRET);
  }

  String[] ids;
  int next;
  Pseudonymizer pseudonymizer;
  Mac mac;
  MessageDigest sha;
  SecretKeySpec key;

  /** Builds the seeded ids, the pseudonymizer and the peers' reusable state. */
  @Setup(Level.Trial)
  public void setUp() throws GeneralSecurityException {
    SplittableRandom r = new SplittableRandom(7);
    ids = new String[IDS];
    String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789._";
    for (int i = 0; i < IDS; i++) {
      char[] c = new char[idLength];
      for (int j = 0; j < idLength; j++) {
        c[j] = alphabet.charAt(r.nextInt(alphabet.length()));
      }
      ids[i] = new String(c);
    }
    pseudonymizer = Pseudonymizer.of(PseudonymKey.of("k1", SECRET));
    key = new SecretKeySpec(SECRET, "HmacSHA256");
    mac = Mac.getInstance("HmacSHA256");
    mac.init(key);
    sha = MessageDigest.getInstance("SHA-256");
  }

  private String nextId() {
    String id = ids[next];
    next = (next + 1) & (IDS - 1);
    return id;
  }

  /** dmp: per-thread Mac, no intermediate arrays. */
  @Benchmark
  public String pseudonymizer() {
    return pseudonymizer.pseudonym(nextId());
  }

  /** Peer: the plain JDK calls with a reused Mac. */
  @Benchmark
  public String jdkReusedMac() {
    return "k1."
        + Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(mac.doFinal(nextId().getBytes(StandardCharsets.UTF_8)));
  }

  /** Peer: a new Mac per id, as code that does not keep one does. */
  @Benchmark
  public String jdkNewMacPerId() throws GeneralSecurityException {
    Mac m = Mac.getInstance("HmacSHA256");
    m.init(key);
    return "k1."
        + Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(m.doFinal(nextId().getBytes(StandardCharsets.UTF_8)));
  }

  /** Peer: unkeyed SHA-256 (not a pseudonym: guessable ids can be hashed by anyone). */
  @Benchmark
  public String unkeyedSha256() {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(sha.digest(nextId().getBytes(StandardCharsets.UTF_8)));
  }
}
