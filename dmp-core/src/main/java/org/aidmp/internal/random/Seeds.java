package org.aidmp.internal.random;

import java.nio.charset.StandardCharsets;

/**
 * The one way the library derives seeds: a run's seed is split into one seed per stage by name,
 * with the SplitMix64 finaliser, so that stages draw independent streams and adding a stage does
 * not change the others' seeds.
 */
public final class Seeds {
  private Seeds() {}

  /** The seed of the named stage of a run seeded with {@code seed}. */
  public static long split(long seed, String stage) {
    long h = 0xcbf29ce484222325L; // FNV-1a over the name's bytes, then mixed with the seed
    for (byte b : stage.getBytes(StandardCharsets.UTF_8)) {
      h = (h ^ (b & 0xff)) * 0x100000001b3L;
    }
    return mix(seed ^ mix(h));
  }

  /** The SplitMix64 finaliser: a bijection of 64-bit values that scatters nearby inputs. */
  public static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
