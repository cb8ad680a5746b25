package org.aidmp.privacy;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import org.aidmp.profile.UserProfile;

/**
 * How consent is read from a user's attributes and what an unknown answer means.
 *
 * <pre>{@code
 * ConsentPolicy policy = ConsentPolicy.builder()
 *     .setUnknownAllowed(false)                             // deny by default
 *     .setAttribute(Purpose.ADVERTISING, "ads_opt_in")      // default: consent_advertising
 *     .setCommonAttribute("consent")                        // used where a purpose has no answer
 *     .get();
 * Predicate<UserProfile> mayPersonalise = policy.forPurpose(Purpose.PERSONALISATION);
 * }</pre>
 *
 * <p>For each purpose the policy reads one attribute (by default {@code consent_<purpose>}) with
 * {@link ConsentStatus#parse}; where that gives {@link ConsentStatus#UNKNOWN} and a common
 * attribute is set, the common attribute's answer is used. An answer that stays unknown is allowed
 * or refused as {@link Builder#setUnknownAllowed(boolean)} (for all purposes) or {@link
 * Builder#setUnknownAllowed(Purpose, boolean)} (for one) say. {@link #DEFAULT} denies unknown
 * answers. Immutable and thread-safe.
 */
public final class ConsentPolicy {
  /** Deny by default: only users who granted a purpose are allowed for it. */
  public static final ConsentPolicy DEFAULT = builder().get();

  private final boolean unknownAllowed;
  private final Map<Purpose, Boolean> unknownAllowedByPurpose;
  private final Map<Purpose, String> attributes;
  private final String commonAttribute;

  private ConsentPolicy(Builder b) {
    this.unknownAllowed = b.unknownAllowed;
    this.unknownAllowedByPurpose = Map.copyOf(b.unknownAllowedByPurpose);
    this.attributes = Map.copyOf(b.attributes);
    this.commonAttribute = b.commonAttribute;
  }

  /** A builder that denies unknown answers and reads {@code consent_<purpose>}. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from this policy. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.unknownAllowed = unknownAllowed;
    b.unknownAllowedByPurpose.putAll(unknownAllowedByPurpose);
    b.attributes.putAll(attributes);
    b.commonAttribute = commonAttribute;
    return b;
  }

  /** The attribute read for {@code purpose}. */
  public String attributeFor(Purpose purpose) {
    return attributes.getOrDefault(
        Objects.requireNonNull(purpose, "purpose"), purpose.defaultAttribute());
  }

  /** The attribute read where a purpose has no answer, or {@code null} if none. */
  public String commonAttribute() {
    return commonAttribute;
  }

  /**
   * The attributes this policy reads for {@code purposes}, so that an attribute allow-list can keep
   * them.
   */
  public Set<String> attributeNames(Iterable<Purpose> purposes) {
    Set<String> names = new LinkedHashSet<>();
    for (Purpose p : purposes) {
      names.add(attributeFor(p));
    }
    if (commonAttribute != null) {
      names.add(commonAttribute);
    }
    return Set.copyOf(names);
  }

  /** Whether an unknown answer counts as consent for {@code purpose}. */
  public boolean unknownAllowed(Purpose purpose) {
    return unknownAllowedByPurpose.getOrDefault(purpose, unknownAllowed);
  }

  /** Whether {@code status} allows {@code purpose}: granted yes, refused no, unknown as set. */
  public boolean allows(ConsentStatus status, Purpose purpose) {
    return switch (status) {
      case GRANTED -> true;
      case REFUSED -> false;
      case UNKNOWN -> unknownAllowed(purpose);
    };
  }

  /**
   * The answer for {@code purpose} read from attributes.
   *
   * @param attributes looks an attribute up by name, {@code null} when missing
   */
  public ConsentStatus status(Function<String, Object> attributes, Purpose purpose) {
    ConsentStatus s = ConsentStatus.parse(attributes.apply(attributeFor(purpose)));
    if (s == ConsentStatus.UNKNOWN && commonAttribute != null) {
      s = ConsentStatus.parse(attributes.apply(commonAttribute));
    }
    return s;
  }

  /** The answer for {@code purpose} read from the profile's attributes. */
  public ConsentStatus status(UserProfile profile, Purpose purpose) {
    return status(profile::attribute, purpose);
  }

  /** Whether the profile's attributes allow {@code purpose}. */
  public boolean allowed(UserProfile profile, Purpose purpose) {
    return allows(status(profile, purpose), purpose);
  }

  /** A test of profiles for one purpose, for stages that take a consent predicate. */
  public Predicate<UserProfile> forPurpose(Purpose purpose) {
    Objects.requireNonNull(purpose, "purpose");
    return p -> allowed(p, purpose);
  }

  @Override
  public String toString() {
    return "ConsentPolicy[unknown="
        + (unknownAllowed ? "allowed" : "denied")
        + (unknownAllowedByPurpose.isEmpty() ? "" : ", per purpose " + unknownAllowedByPurpose)
        + ", attributes="
        + attributes
        + (commonAttribute == null ? "" : ", common=" + commonAttribute)
        + "]";
  }

  /** Builds a {@link ConsentPolicy}; {@link #get()} never changes the builder. */
  public static final class Builder {
    private boolean unknownAllowed;
    private final Map<Purpose, Boolean> unknownAllowedByPurpose = new LinkedHashMap<>();
    private final Map<Purpose, String> attributes = new LinkedHashMap<>();
    private String commonAttribute;

    private Builder() {}

    /** Whether an unknown answer counts as consent, for every purpose (default {@code false}). */
    public Builder setUnknownAllowed(boolean allowed) {
      this.unknownAllowed = allowed;
      return this;
    }

    /** Whether an unknown answer counts as consent for one purpose, overriding the general rule. */
    public Builder setUnknownAllowed(Purpose purpose, boolean allowed) {
      unknownAllowedByPurpose.put(Objects.requireNonNull(purpose, "purpose"), allowed);
      return this;
    }

    /** The attribute that holds the answer for {@code purpose} (default {@code consent_<name>}). */
    public Builder setAttribute(Purpose purpose, String attribute) {
      Objects.requireNonNull(purpose, "purpose");
      attributes.put(purpose, checkAttribute(attribute));
      return this;
    }

    /**
     * An attribute that answers for every purpose whose own attribute has no readable answer, such
     * as a single {@code consent} column; {@code null} (the default) for none.
     */
    public Builder setCommonAttribute(String attribute) {
      this.commonAttribute = attribute == null ? null : checkAttribute(attribute);
      return this;
    }

    private static String checkAttribute(String attribute) {
      Objects.requireNonNull(attribute, "attribute");
      if (attribute.isBlank()) {
        throw new IllegalArgumentException("attribute name is blank; give the consent column");
      }
      return attribute;
    }

    /** The policy. */
    public ConsentPolicy get() {
      return new ConsentPolicy(this);
    }
  }
}
