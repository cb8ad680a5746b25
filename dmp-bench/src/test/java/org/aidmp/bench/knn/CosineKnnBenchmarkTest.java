package org.aidmp.bench.knn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.aidmp.knn.Neighbor;
import org.junit.jupiter.api.Test;

class CosineKnnBenchmarkTest {

  @Test
  void indexAndFloorAgreeWithTheDoubleReference() throws Exception {
    CosineKnnBenchmark bench = new CosineKnnBenchmark();
    CosineKnnBenchmark.Index index = new CosineKnnBenchmark.Index();
    index.n = 3000;
    index.d = 64;
    index.nq = 50;
    index.k = 10;
    index.data = "";
    index.queries = "";
    index.threads = 2;
    index.setUp();
    CosineKnnBenchmark.Floor floor = new CosineKnnBenchmark.Floor();
    floor.n = 3000;
    floor.d = 64;
    floor.nq = 50;
    floor.k = 10;
    floor.data = "";
    floor.queries = "";
    floor.floorQueries = 50;
    floor.setUp();
    List<List<Neighbor>> got = bench.index(index);
    int[][] plain = bench.floor(floor);
    assertEquals(50, got.size());
    for (int i = 0; i < 50; i++) {
      int[] ref = KnnIdCheck.reference(index.x, index.q, i, 10);
      int[] ours = got.get(i).stream().mapToInt(n -> Integer.parseInt(n.id())).toArray();
      assertArrayEquals(ref, ours, "index, query " + i);
      assertArrayEquals(ref, plain[i], "floor, query " + i);
    }
  }
}
