package org.aidmp.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.aidmp.data.BadRecordPolicy;
import org.aidmp.data.Record;
import org.aidmp.data.Schema;
import org.aidmp.data.Source;
import org.aidmp.profile.ProfileStore;
import org.aidmp.profile.UserProfile;
import org.junit.jupiter.api.Test;

class ConsentPolicyTest {
  private static ConsentStatus read(ConsentPolicy p, Map<String, Object> attrs, Purpose purpose) {
    return p.status(attrs::get, purpose);
  }

  @Test
  void defaultIsDenyByDefaultAndReadsOneAttributePerPurpose() {
    ConsentPolicy p = ConsentPolicy.DEFAULT;
    Map<String, Object> a = new HashMap<>();
    a.put("consent_advertising", "no");
    a.put("consent_analytics", "yes");
    assertEquals(ConsentStatus.REFUSED, read(p, a, Purpose.ADVERTISING));
    assertEquals(ConsentStatus.GRANTED, read(p, a, Purpose.ANALYTICS));
    assertEquals(ConsentStatus.UNKNOWN, read(p, a, Purpose.PERSONALISATION));
    assertFalse(p.allows(ConsentStatus.UNKNOWN, Purpose.PERSONALISATION));
    assertTrue(p.allows(ConsentStatus.GRANTED, Purpose.PERSONALISATION));
    assertFalse(p.allows(ConsentStatus.REFUSED, Purpose.PERSONALISATION));
  }

  @Test
  void unknownDefaultIsASettingOverallAndPerPurpose() {
    ConsentPolicy p =
        ConsentPolicy.builder()
            .setUnknownAllowed(true)
            .setUnknownAllowed(Purpose.ADVERTISING, false)
            .get();
    assertTrue(p.allows(ConsentStatus.UNKNOWN, Purpose.ANALYTICS));
    assertFalse(p.allows(ConsentStatus.UNKNOWN, Purpose.ADVERTISING));
    assertFalse(p.allows(ConsentStatus.REFUSED, Purpose.ANALYTICS));
    assertEquals(p.toString(), p.toBuilder().get().toString());
  }

  @Test
  void commonAttributeAnswersWherePurposeHasNoReadableAnswer() {
    ConsentPolicy p =
        ConsentPolicy.builder()
            .setAttribute(Purpose.ADVERTISING, "ads_ok")
            .setCommonAttribute("consent")
            .get();
    Map<String, Object> a = new HashMap<>();
    a.put("consent", "false");
    a.put("ads_ok", "maybe");
    a.put("consent_analytics", "1");
    assertEquals(ConsentStatus.REFUSED, read(p, a, Purpose.ADVERTISING));
    assertEquals(ConsentStatus.GRANTED, read(p, a, Purpose.ANALYTICS));
    assertEquals(ConsentStatus.REFUSED, read(p, a, Purpose.PERSONALISATION));
    assertEquals(
        Set.of("ads_ok", "consent_analytics", "consent"),
        p.attributeNames(List.of(Purpose.ADVERTISING, Purpose.ANALYTICS)));
  }

  @Test
  void textAttributesOfAProfileAreRead() {
    Schema s = Schema.ofStrings(List.of("id", "consent_personalisation"));
    ProfileStore store = ProfileStore.create();
    store.joinAttributes(
        Source.of(
            s,
            "users",
            List.of(
                Record.of(s, "a", "false"),
                Record.of(s, "b", "yes"),
                Record.of(s, "c", "not sure"),
                Record.of(s, "d", null))),
        "id",
        BadRecordPolicy.FAIL,
        null);
    Predicate<UserProfile> gate = ConsentPolicy.DEFAULT.forPurpose(Purpose.PERSONALISATION);
    Map<String, Boolean> allowed = new HashMap<>();
    for (UserProfile u : store) {
      allowed.put(u.userId(), gate.test(u));
    }
    assertEquals(Map.of("a", false, "b", true, "c", false, "d", false), allowed);
  }

  @Test
  void blankAttributeNamesAreRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> ConsentPolicy.builder().setAttribute(Purpose.ANALYTICS, " "));
    assertEquals(null, ConsentPolicy.builder().setCommonAttribute(null).get().commonAttribute());
  }
}
