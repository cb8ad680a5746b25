package org.aidmp.profile.live;

import org.aidmp.profile.ProfileStoreBuilder;

/** Why a profile store refused an event or an attribute row; messages hold no values. */
public enum Refusal {
  /** The user id is longer than {@link ProfileStoreBuilder#setMaxUserIdLength}. */
  USER_ID_TOO_LONG("userId", "user id is longer than maxUserIdLength; raise it or shorten ids"),
  /** The type is not in {@link ProfileStoreBuilder#setEventTypes}. */
  TYPE_NOT_ALLOWED("type", "event type is not one of the store's event types; add it there"),
  /** A new type beyond {@link ProfileStoreBuilder#setMaxEventTypes}. */
  TOO_MANY_TYPES("type", "the store holds maxEventTypes event types; raise it or list types"),
  /** A new category beyond {@link ProfileStoreBuilder#setMaxCategories}. */
  TOO_MANY_CATEGORIES("category", "the store holds maxCategories categories; raise it"),
  /** A new item beyond {@link ProfileStoreBuilder#setMaxItems}. */
  TOO_MANY_ITEMS("itemId", "the store holds maxItems items; raise it or stop tracking items"),
  /** A new user beyond {@link ProfileStoreBuilder#setMaxUsers}. */
  TOO_MANY_USERS("userId", "the store holds maxUsers users; raise it or forget users"),
  /** The admission given to {@link LiveStore#offer} said no. */
  REFUSED_BY_ADMISSION(null, "the event was refused by the store's caller");

  private final String column;
  private final String message;

  Refusal(String column, String message) {
    this.column = column;
    this.message = message;
  }

  /** The event field the refusal is about, or null for the whole event. */
  public String column() {
    return column;
  }

  /** What went wrong and the fix, with no values. */
  public String message() {
    return message;
  }
}
