package org.aidmp.profile;

/**
 * A transform's features resolved to the interned ids of one profile store: resolved once per store
 * (and again when the store learns new names), so that transforming a user is array lookups.
 */
final class FeatureIds {
  final Interner types;
  final Interner categories;
  final Interner attributes;
  final int typeCount;
  final int categoryCount;
  final int attributeCount;

  /** Per feature: its type, category or attribute id; -1 when unknown or not applicable. */
  final int[] key;

  /** The ids of the RFM types; -1 for those not yet seen. */
  final int[] rfm;

  FeatureIds(UserProfile p, byte[] kinds, String[] keys, String[] rfmTypes) {
    types = p.types;
    categories = p.categories;
    attributes = p.attributeNames;
    // Sizes first: a name added during resolution then forces another resolution next time.
    typeCount = types.size();
    categoryCount = categories.size();
    attributeCount = attributes.size();
    key = new int[kinds.length];
    for (int j = 0; j < kinds.length; j++) {
      key[j] =
          switch (kinds[j]) {
            case FeatureTransform.COUNT -> types.find(keys[j]);
            case FeatureTransform.AFFINITY -> categories.find(keys[j]);
            case FeatureTransform.NUMERIC, FeatureTransform.ONE_HOT -> attributes.find(keys[j]);
            default -> -1;
          };
    }
    rfm = new int[rfmTypes.length];
    for (int i = 0; i < rfm.length; i++) {
      rfm[i] = types.find(rfmTypes[i]);
    }
  }

  boolean fits(UserProfile p) {
    return p.types == types
        && p.categories == categories
        && p.attributeNames == attributes
        && typeCount == types.size()
        && categoryCount == categories.size()
        && attributeCount == attributes.size();
  }
}
