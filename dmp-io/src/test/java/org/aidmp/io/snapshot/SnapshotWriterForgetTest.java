package org.aidmp.io.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.aidmp.kmeans.KMeans;
import org.aidmp.kmeans.KMeansModel;
import org.aidmp.knn.CosineIndex;
import org.aidmp.profile.Event;
import org.aidmp.profile.ProfileStore;
import org.aidmp.state.UserStatePart;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Forgetting reaches snapshot generations already written: after {@link SnapshotWriter#forget} the
 * folder holds one fresh generation without the user, and no byte of any file names them.
 */
class SnapshotWriterForgetTest {
  private static final String TARGET = "forget-me-7d3f";

  @TempDir Path dir;

  private static ProfileStore store() {
    ProfileStore s = ProfileStore.create();
    for (int u = 0; u < 10; u++) {
      String id = u == 4 ? TARGET : "user-" + u;
      s.accept(new Event(id, 1_700_000_000_000L + u, u % 2 == 0 ? "view" : "buy"));
    }
    return s;
  }

  private static CosineIndex index(ProfileStore s) {
    CosineIndex index = CosineIndex.create(2);
    int i = 0;
    for (String id : s.userIds()) {
      index.put(id, new float[] {1 + i, 2 - i % 2});
      i++;
    }
    return index;
  }

  private static KMeansModel model() {
    FMatrixRMaj x = new FMatrixRMaj(4, 2, true, 0, 0, 0, 1, 5, 5, 5, 6);
    return KMeans.builder().setK(2).setSeed(1).get().fit(x);
  }

  private boolean anyFileNames(String id) throws IOException {
    byte[] needle = id.getBytes(StandardCharsets.UTF_8);
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.filter(Files::isRegularFile).toList()) {
        if (indexOf(Files.readAllBytes(p), needle) >= 0) {
          return true;
        }
      }
    }
    return false;
  }

  static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  @Test
  void forgetWritesAFreshGenerationAndDeletesTheOlderOnes() throws IOException {
    ProfileStore store = store();
    CosineIndex index = index(store);
    List<UserStatePart> parts = List.of(store, index);
    for (int g = 0; g < 2; g++) {
      try (SnapshotWriter w = SnapshotWriter.update(dir)) {
        w.writeParts(parts);
        w.writeKMeans(model());
        w.commit();
      }
    }
    assertEquals(2, Generations.present(dir).size(), "two generations kept by default");
    assertTrue(anyFileNames(TARGET), "the scan finds the user before");

    UserStatePart.forgetAll(parts, TARGET);
    assertTrue(anyFileNames(TARGET), "forgetting in memory does not reach the files");
    SnapshotWriter.Erasure e = SnapshotWriter.forget(dir, parts);

    assertFalse(anyFileNames(TARGET), "a snapshot file still names the forgotten user");
    assertEquals(List.of(Generations.current(dir).getAsLong()), Generations.present(dir));
    assertEquals(3, e.generation());
    assertEquals(2, e.generationsDeleted());
    assertEquals(List.of("profiles", "index"), e.rewritten());
    assertEquals(List.of("kmeans"), e.carried());
    SnapshotReader r = SnapshotReader.open(dir);
    ProfileStore back = r.readProfiles();
    assertEquals(9, back.size());
    assertFalse(back.contains(TARGET));
    assertEquals(9, r.readIndex().size());
    assertEquals(2, r.readKMeans().k(), "the user-free model is carried over");
  }

  @Test
  void aPartNoGivenStateRewritesStopsTheErasureAndChangesNothing() throws IOException {
    ProfileStore store = store();
    try (SnapshotWriter w = SnapshotWriter.create(dir)) {
      w.writeProfiles(store);
      w.writeIndex(index(store));
      w.commit();
    }
    store.forget(TARGET);
    IllegalStateException ex =
        assertThrows(IllegalStateException.class, () -> SnapshotWriter.forget(dir, List.of(store)));
    assertTrue(ex.getMessage().contains("'index'"), ex.getMessage());
    assertEquals(List.of(1L), Generations.present(dir), "the folder is left as it was");
    assertEquals(10, SnapshotReader.open(dir).readIndex().size());
  }

  @Test
  void aFirstSaveIntoAnEmptyFolderIsJustASave() throws IOException {
    ProfileStore store = store();
    SnapshotWriter.Erasure e = SnapshotWriter.forget(dir, List.of(store));
    assertEquals(1, e.generation());
    assertEquals(0, e.generationsDeleted());
    assertEquals(10, SnapshotReader.open(dir).readProfiles().size());
  }
}
