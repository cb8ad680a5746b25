package org.aidmp.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CampaignConfigTest {
  @Test
  void defaultsAndToBuilderRoundTrip() {
    CampaignConfig c = CampaignConfig.builder().setArms(List.of("a", "b")).setSeed(9).get();
    assertEquals(0.10, c.controlShare());
    assertEquals(0, c.controlArm());
    assertEquals(Outcome.CLICK, c.objective());
    CampaignConfig d = c.toBuilder().setControlArm("b").get();
    assertEquals(1, d.controlArm());
    assertEquals(9, d.seed());
    assertEquals(c.toString(), c.toBuilder().get().toString());
  }

  @Test
  void settersRejectBadValuesWithTheValueInTheMessage() {
    CampaignConfig.Builder b = CampaignConfig.builder();
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> b.setControlShare(1.0));
    assertTrue(e.getMessage().contains("1.0"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> b.setArms(List.of("a", "a")));
    assertThrows(IllegalArgumentException.class, () -> b.setArms(List.of()));
    assertThrows(IllegalArgumentException.class, () -> b.setSegments(0));
    assertThrows(IllegalArgumentException.class, () -> b.setPrior(0, 1));
    assertThrows(IllegalArgumentException.class, () -> b.setConfidence(Double.NaN));
    IllegalArgumentException notARate =
        assertThrows(IllegalArgumentException.class, () -> b.setObjective(Outcome.IMPRESSION));
    assertTrue(notARate.getMessage().contains("IMPRESSION"), notARate.getMessage());
  }

  @Test
  void constructorChecksAcrossFields() {
    assertThrows(IllegalStateException.class, () -> CampaignConfig.builder().get());
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> CampaignConfig.builder().setArms(List.of("a")).setControlArm("z").get());
    assertTrue(e.getMessage().contains("'z'"), e.getMessage());
  }
}
