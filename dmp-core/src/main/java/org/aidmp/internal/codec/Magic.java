package org.aidmp.internal.codec;

/**
 * The registry of magic numbers that open every binary format the library writes, one per format. A
 * value may appear here only once ({@code MagicTest} fails on a collision), so that a file of one
 * kind can never be read as another.
 */
public enum Magic {
  /** Campaign statistics ("DMPC"). */
  CAMPAIGN(0x444d5043),
  /** Fitted feature transform ("DMPT"). */
  FEATURE_TRANSFORM(0x444d5054),
  /** Feedback updater state ("DMPF"). */
  FEEDBACK(0x444d5046),
  /** Cosine index ("DMPI"). */
  COSINE_INDEX(0x444d5049),
  /** K-Means model ("DMPK"). */
  KMEANS_MODEL(0x444d504b),
  /** Profile store ("DMPP"). */
  PROFILE_STORE(0x444d5050),
  /** Snapshot part file ("DMPS"). */
  SNAPSHOT_PART(0x444d5053),
  /** User × item interactions ("DMPX"). */
  INTERACTIONS(0x444d5058),
  /** Feature matrix with user ids ("DMPM"). */
  PROFILE_MATRIX(0x444d504d),
  /** Segment labels of a pipeline run ("DMPL"). */
  SEGMENTATION(0x444d504c),
  /** Quarantined records held in memory ("DMPQ"). */
  QUARANTINE(0x444d5051),
  /** Predictive model ("DMPR"). */
  PREDICTIVE_MODEL(0x444d5052);

  private final int value;

  Magic(int value) {
    this.value = value;
  }

  /** The four bytes, big-endian, that open the format. */
  public int value() {
    return value;
  }
}
