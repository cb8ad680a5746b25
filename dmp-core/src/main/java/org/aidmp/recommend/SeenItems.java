package org.aidmp.recommend;

/** Whether items the user already interacted with may be recommended again. */
public enum SeenItems {
  /** Never recommend an item the user already has (the default). */
  EXCLUDE,
  /** Allow items from the history (for repeat purchases such as groceries). */
  INCLUDE
}
