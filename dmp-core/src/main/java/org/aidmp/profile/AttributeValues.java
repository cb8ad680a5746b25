package org.aidmp.profile;

/**
 * Attribute values as features read them: numbers (text parsed, booleans as 0 and 1) and category
 * labels. Messages name the attribute, never the value.
 */
final class AttributeValues {
  private AttributeValues() {}

  /** A numeric attribute value, NaN when missing or not finite. */
  static double numeric(String attribute, Object v) {
    if (v == null) {
      return Double.NaN;
    }
    double d;
    if (v instanceof Number n) {
      d = n.doubleValue();
    } else if (v instanceof Boolean b) {
      d = b ? 1 : 0;
    } else if (v instanceof String s) {
      try {
        d = Double.parseDouble(s.trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "attribute '"
                + attribute
                + "' holds text that is not a number; list it as"
                + " categorical or convert its type first");
      }
    } else {
      throw new IllegalArgumentException(
          "attribute '"
              + attribute
              + "' holds a "
              + v.getClass().getSimpleName()
              + ", not a number; list it as categorical or convert it first");
    }
    return Double.isFinite(d) ? d : Double.NaN;
  }

  /** A categorical attribute value as text, null when missing. */
  static String categorical(Object v) {
    return v == null ? null : v instanceof String s ? s : v.toString();
  }
}
