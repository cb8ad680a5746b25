package org.aidmp.pipeline;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.aidmp.data.Schema;
import org.aidmp.privacy.ConsentPolicy;
import org.aidmp.privacy.Purpose;
import org.aidmp.profile.FeatureSpec;

/**
 * The user attributes a pipeline's profile store may keep; every other attribute column is left out
 * at the join, so a column such as {@code ssn} or {@code email} is never stored or snapshotted. The
 * pipeline builds it from its features, its consent policy and {@link
 * Pipeline.Builder#allowAttributes}.
 *
 * <pre>{@code
 * AttributeAllowList keep = AttributeAllowList.builder()
 *     .addFeatures(FeatureSpec.DEFAULT)                               // what the features use
 *     .addConsent(ConsentPolicy.DEFAULT, Purpose.builtIn())   // what consent reads
 *     .add("country")
 *     .get();
 * keep.allows("ssn");   // false
 * }</pre>
 *
 * <p>Remember the consent attributes: a store that drops them leaves every user's consent unknown.
 * Immutable and thread-safe.
 */
final class AttributeAllowList {
  private final Set<String> names;

  private AttributeAllowList(Set<String> names) {
    this.names = names;
  }

  /** A list of exactly these attributes. */
  public static AttributeAllowList of(String... names) {
    return builder().add(names).get();
  }

  /** The attributes {@code spec} turns into features, and nothing else. */
  public static AttributeAllowList forFeatures(FeatureSpec spec) {
    return builder().addFeatures(spec).get();
  }

  /** A new, empty builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from this list. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.names.addAll(names);
    return b;
  }

  /** The attributes kept, in the order added. */
  public Set<String> names() {
    return names;
  }

  /** Whether an attribute of this name may be kept. */
  public boolean allows(String attribute) {
    return names.contains(attribute);
  }

  /**
   * The columns of an attributes source that are kept: the id column and the allowed attributes, in
   * the schema's order.
   *
   * @throws IllegalArgumentException if the schema has no column {@code idColumn}
   */
  public List<String> kept(Schema schema, String idColumn) {
    requireId(schema, idColumn);
    List<String> out = new ArrayList<>();
    for (String c : schema.names()) {
      if (c.equals(idColumn) || allows(c)) {
        out.add(c);
      }
    }
    return out;
  }

  /** The columns of an attributes source that are left out, in the schema's order. */
  public List<String> dropped(Schema schema, String idColumn) {
    requireId(schema, idColumn);
    List<String> out = new ArrayList<>();
    for (String c : schema.names()) {
      if (!c.equals(idColumn) && !allows(c)) {
        out.add(c);
      }
    }
    return out;
  }

  /** The allowed entries of an attribute map, in its order. */
  public Map<String, Object> filter(Map<String, ?> attributes) {
    Map<String, Object> out = new LinkedHashMap<>();
    attributes.forEach(
        (k, v) -> {
          if (allows(k)) {
            out.put(k, v);
          }
        });
    return out;
  }

  private static void requireId(Schema schema, String idColumn) {
    Objects.requireNonNull(idColumn, "idColumn");
    if (schema.find(idColumn).isEmpty()) {
      throw new IllegalArgumentException(
          "the id column '"
              + idColumn
              + "' is not among "
              + schema.names()
              + "; give the name of the user id column");
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AttributeAllowList a && a.names.equals(names);
  }

  @Override
  public int hashCode() {
    return names.hashCode();
  }

  @Override
  public String toString() {
    return "AttributeAllowList" + names;
  }

  /** Builds an {@link AttributeAllowList}; {@link #get()} never changes the builder. */
  public static final class Builder {
    private final Set<String> names = new LinkedHashSet<>();

    private Builder() {}

    /** Allows these attributes. */
    public Builder add(String... attributes) {
      return addAll(List.of(attributes));
    }

    /** Allows these attributes. */
    public Builder addAll(Collection<String> attributes) {
      for (String a : attributes) {
        Objects.requireNonNull(a, "attribute");
        if (a.isBlank()) {
          throw new IllegalArgumentException("attribute name is blank; give a column name");
        }
        names.add(a);
      }
      return this;
    }

    /** Allows the numeric and categorical attributes {@code spec} uses. */
    public Builder addFeatures(FeatureSpec spec) {
      addAll(spec.numericAttributes());
      return addAll(spec.categoricalAttributes());
    }

    /** Allows the attributes {@code policy} reads for {@code purposes}. */
    public Builder addConsent(ConsentPolicy policy, Iterable<Purpose> purposes) {
      return addAll(policy.attributeNames(purposes));
    }

    /** The list. */
    public AttributeAllowList get() {
      return new AttributeAllowList(
          java.util.Collections.unmodifiableSet(new LinkedHashSet<>(names)));
    }
  }
}
