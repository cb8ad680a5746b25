package org.aidmp.privacy;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Why personal data is processed; consent is given or refused per purpose. Three purposes are built
 * in, and a host may define its own with {@link #of(String)}.
 *
 * <pre>{@code
 * Purpose newsletter = Purpose.of("newsletter");
 * boolean ok = registry.allowed("u42", Purpose.PERSONALISATION);
 * }</pre>
 *
 * <p>Two purposes are equal when their names are. A name is lower case ASCII letters, digits,
 * {@code _} and {@code -}, starting with a letter, at most 64 characters, so that it can be a
 * column name and a snapshot key.
 *
 * @param name the purpose's name, for instance {@code "analytics"}
 */
public record Purpose(String name) {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]{0,63}");

  /** Reports, counts and segment statistics about groups of users. */
  public static final Purpose ANALYTICS = new Purpose("analytics");

  /** Answers tailored to one user: recommendations, scores, live segment moves. */
  public static final Purpose PERSONALISATION = new Purpose("personalisation");

  /** Audience exports and lookalikes handed to advertising partners. */
  public static final Purpose ADVERTISING = new Purpose("advertising");

  /** Checks the name. */
  public Purpose {
    Objects.requireNonNull(name, "name");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "purpose name '"
              + name
              + "' is not valid; use lower case letters, digits, '_' or '-', starting with a"
              + " letter, at most 64 characters");
    }
  }

  /** The built-in purposes: analytics, personalisation, advertising. */
  public static List<Purpose> builtIn() {
    return List.of(ANALYTICS, PERSONALISATION, ADVERTISING);
  }

  /** The purpose with this name: a built-in one or one the host defines. */
  public static Purpose of(String name) {
    return new Purpose(name);
  }

  /** The attribute read by default for this purpose's consent: {@code consent_<name>}. */
  public String defaultAttribute() {
    return "consent_" + name;
  }

  @Override
  public String toString() {
    return name;
  }
}
