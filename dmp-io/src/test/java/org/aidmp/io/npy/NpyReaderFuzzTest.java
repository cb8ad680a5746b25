package org.aidmp.io.npy;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.ejml.data.FMatrixRMaj;

/**
 * Fuzzes {@link NpyReader} with arbitrary bytes. The only acceptable failure is the declared {@link
 * IOException}; anything else (a runtime exception, an out-of-memory on a lying header) is a
 * finding. Regression mode runs the corpus in {@code src/test/resources}; {@code JAZZER_FUZZ=1}
 * fuzzes.
 */
class NpyReaderFuzzTest {
  @FuzzTest(maxDuration = "3m")
  void arbitraryBytesReadOrFailWithIoException(byte[] input) {
    try {
      FMatrixRMaj m = NpyReader.read(new ByteArrayInputStream(input), "fuzz.npy");
      if (m.data.length < m.numRows * m.numCols) {
        throw new AssertionError("matrix smaller than its shape");
      }
    } catch (IOException expected) {
      // declared: not a .npy file, unsupported, truncated
    }
  }
}
