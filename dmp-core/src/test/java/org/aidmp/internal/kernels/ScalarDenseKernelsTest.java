package org.aidmp.internal.kernels;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The scalar dense kernel against the contract written out plainly, bit for bit. */
class ScalarDenseKernelsTest {
  @ParameterizedTest
  @ValueSource(ints = {0, 1, 7, 64, 129})
  void scalarTileFollowsTheContract(int depth) {
    PanamaDenseKernelsTest.assertFollowsTheContract(DenseKernelsProvider.scalar(), depth);
  }
}
