package org.aidmp.privacy.dp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GeometricMechanismTest {
  @Test
  void noiseHasAlphaExpMinusEpsilonOverSensitivity() {
    GeometricMechanism m =
        GeometricMechanism.builder()
            .setEpsilon(Epsilon.of(0.5))
            .setSensitivity(3)
            .setRandom(new SplittableRandom(3))
            .get();
    assertEquals(Math.exp(-0.5 / 3), m.alpha(), 1e-15);
    double p = GeometricFit.pValue(() -> m.release(1000) - 1000, 200_000, m.alpha());
    assertTrue(p > 1e-3, "chi-square p = " + p);
  }

  @Test
  void largeSensitivityStillFits() {
    GeometricMechanism m =
        GeometricMechanism.builder()
            .setEpsilon(Epsilon.of(1, 4))
            .setSensitivity(4096)
            .setRandom(new SplittableRandom(4))
            .get();
    double p = GeometricFit.pValue(m::noise, 100_000, m.alpha());
    assertTrue(p > 1e-3, "chi-square p = " + p);
  }

  @Test
  void defaultRandomIsSecureAndConfigurationIsChecked() {
    GeometricMechanism m = GeometricMechanism.builder().setEpsilon(Epsilon.of(1)).get();
    assertEquals(1, m.sensitivity());
    m.noise();
    assertThrows(IllegalArgumentException.class, () -> GeometricMechanism.builder().get());
    assertThrows(
        IllegalArgumentException.class, () -> GeometricMechanism.builder().setSensitivity(0));
    assertThrows(
        IllegalArgumentException.class,
        () -> GeometricMechanism.builder().setEpsilon(Epsilon.ZERO));
    assertEquals("GeometricMechanism[epsilon=1, sensitivity=1]", m.toString());
    assertThrows(
        IllegalArgumentException.class,
        () ->
            GeometricMechanism.builder()
                .setEpsilon(Epsilon.of(1, 999_999_999))
                .setSensitivity(1_000_000_000)
                .get());
  }
}
