package org.aidmp.io.internal.glob;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A glob over object keys: {@code *} matches within one {@code /}-separated level, {@code **}
 * across levels, {@code ?} one character other than {@code /}; every other character matches
 * itself.
 *
 * <pre>{@code
 * KeyGlob csv = KeyGlob.of("2026/**\/*.csv.gz");
 * csv.matches("2026/11/29/part-0.csv.gz");   // true
 * }</pre>
 */
public final class KeyGlob {
  /** Matches every key. */
  public static final KeyGlob ALL = of("**");

  private final String glob;
  private final Pattern pattern;

  private KeyGlob(String glob) {
    this.glob = glob;
    StringBuilder re = new StringBuilder();
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (c == '*') {
        if (i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
          i++;
          // "**/" also matches no folder at all, so "a/**/b" matches "a/b".
          if (i + 1 < glob.length() && glob.charAt(i + 1) == '/') {
            i++;
            re.append("(?:.*/)?");
          } else {
            re.append(".*");
          }
        } else {
          re.append("[^/]*");
        }
      } else if (c == '?') {
        re.append("[^/]");
      } else {
        re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    this.pattern = Pattern.compile(re.toString(), Pattern.DOTALL);
  }

  /** A glob from its text. */
  public static KeyGlob of(String glob) {
    Objects.requireNonNull(glob, "glob");
    if (glob.isEmpty()) {
      throw new IllegalArgumentException("glob is empty; use \"**\" to match every key");
    }
    return new KeyGlob(glob);
  }

  /** Whether {@code key} matches the glob. */
  public boolean matches(String key) {
    return pattern.matcher(key).matches();
  }

  @Override
  public String toString() {
    return glob;
  }
}
