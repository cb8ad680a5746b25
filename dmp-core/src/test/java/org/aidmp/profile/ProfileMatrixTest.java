package org.aidmp.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;

class ProfileMatrixTest {
  @Test
  void rowsBelongToUsersInOrder() {
    ProfileStore store = Fixtures.randomStore(2, 25);
    ProfileMatrix m = FeatureSpec.DEFAULT.fit(store);
    assertEquals(store.userIds(), m.userIds());
    assertEquals(25, m.rows());
    assertEquals(m.featureNames().size(), m.cols());
    for (int i = 0; i < m.rows(); i++) {
      assertEquals(i, m.rowOf(m.userId(i)));
    }
    assertEquals(-1, m.rowOf("nobody"));
    assertSame(m.matrix(), m.matrix());
    assertEquals("ProfileMatrix[25x" + m.cols() + "]", m.toString());
  }

  @Test
  void rejectsAShapeThatDoesNotFit() {
    FeatureTransform t = FeatureSpec.DEFAULT.fit(Fixtures.randomStore(2, 5)).transform();
    assertThrows(
        IllegalArgumentException.class,
        () -> new ProfileMatrix(new String[] {"a"}, new FMatrixRMaj(2, t.dimension()), t));
    assertEquals(List.of(), t.transform(List.of()).userIds());
  }
}
