package org.aidmp.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.aidmp.data.Schema;
import org.aidmp.privacy.ConsentPolicy;
import org.aidmp.privacy.Purpose;
import org.aidmp.profile.FeatureSpec;
import org.junit.jupiter.api.Test;

class AttributeAllowListTest {
  @Test
  void keepsFeatureAndConsentColumnsAndDropsTheRest() {
    FeatureSpec spec =
        FeatureSpec.builder()
            .setNumericAttributes(List.of("age"))
            .setCategoricalAttributes(List.of("country"))
            .get();
    AttributeAllowList keep =
        AttributeAllowList.builder()
            .addFeatures(spec)
            .addConsent(ConsentPolicy.DEFAULT, List.of(Purpose.ADVERTISING))
            .get();
    assertEquals(Set.of("age", "country", "consent_advertising"), keep.names());
    Schema s =
        Schema.ofStrings(List.of("id", "email", "age", "ssn", "country", "consent_advertising"));
    assertEquals(List.of("id", "age", "country", "consent_advertising"), keep.kept(s, "id"));
    assertEquals(List.of("email", "ssn"), keep.dropped(s, "id"));
    assertFalse(keep.allows("ssn"));
    assertTrue(keep.allows("age"));
    assertEquals(AttributeAllowList.forFeatures(spec), AttributeAllowList.of("age", "country"));
  }

  @Test
  void filtersAttributeMapsInOrder() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("ssn", "123-45-6789");
    m.put("country", "FR");
    m.put("age", 31);
    assertEquals(
        List.of("country", "age"),
        List.copyOf(AttributeAllowList.of("age", "country").filter(m).keySet()));
  }

  @Test
  void checksNamesAndTheIdColumn() {
    assertThrows(IllegalArgumentException.class, () -> AttributeAllowList.of(" "));
    Schema s = Schema.ofStrings(List.of("user", "age"));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> AttributeAllowList.of("age").kept(s, "id"));
    assertTrue(e.getMessage().contains("'id'"), e.getMessage());
    AttributeAllowList a = AttributeAllowList.of("age");
    assertEquals(a, a.toBuilder().get());
    assertEquals(a.hashCode(), a.toBuilder().get().hashCode());
    assertEquals("AttributeAllowList[age]", a.toString());
  }
}
