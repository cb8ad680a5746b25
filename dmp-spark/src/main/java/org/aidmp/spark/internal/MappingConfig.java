package org.aidmp.spark.internal;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.aidmp.profile.EventMapping;

/**
 * The settings of an {@link EventMapping} in a serialisable form, so that every partition maps rows
 * with an identical mapping (the mapping itself is not serialisable).
 */
public final class MappingConfig implements Serializable {
  private static final long serialVersionUID = 1L;
  private final String userId;
  private final String timestamp;
  private final String type;
  private final String fixedType;
  private final String item;
  private final String category;
  private final String value;
  private final List<String> allowedTypes;
  private final String epochUnit;

  /** Captures {@code m}'s settings. */
  public MappingConfig(EventMapping m) {
    userId = m.userIdColumn();
    timestamp = m.timestampColumn();
    type = m.typeColumn().orElse(null);
    fixedType = m.fixedType().orElse(null);
    item = m.itemColumn().orElse(null);
    category = m.categoryColumn().orElse(null);
    value = m.valueColumn().orElse(null);
    allowedTypes = new ArrayList<>(m.allowedTypes());
    epochUnit = m.epochUnit().name();
  }

  /** An equal mapping. */
  public EventMapping mapping() {
    EventMapping.Builder b =
        EventMapping.builder()
            .setUserIdColumn(userId)
            .setTimestampColumn(timestamp)
            .setEpochUnit(EventMapping.EpochUnit.valueOf(epochUnit));
    if (type != null) {
      b.setTypeColumn(type);
    }
    if (fixedType != null) {
      b.setFixedType(fixedType);
    }
    if (item != null) {
      b.setItemColumn(item);
    }
    if (category != null) {
      b.setCategoryColumn(category);
    }
    if (value != null) {
      b.setValueColumn(value);
    }
    if (!allowedTypes.isEmpty()) {
      b.setAllowedTypes(allowedTypes);
    }
    return b.get();
  }
}
