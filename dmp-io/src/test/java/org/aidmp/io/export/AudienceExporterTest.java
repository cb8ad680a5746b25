package org.aidmp.io.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.aidmp.audience.Audience;
import org.aidmp.recommend.Recommendation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AudienceExporterTest {
  @TempDir Path dir;

  private static Audience segment(String name, int size) {
    return Audience.of(name, IntStream.range(0, size).mapToObj(i -> name + "-u" + i).toList());
  }

  @Test
  void segmentsAreWrittenAsCsv() throws IOException {
    Path f = dir.resolve("segments.csv");
    AudienceExporter ex = AudienceExporter.builder().allowUnsafeMinimum().setMinGroupSize(2).get();
    ExportReport r =
        ex.exportSegments(
            List.of(
                Audience.of("s0", List.of("u1", "u,2")), Audience.of("s1", List.of("u\"3", "u4"))),
            ExportTarget.file(f));
    assertEquals("segment,user_id\ns0,u1\ns0,\"u,2\"\ns1,\"u\"\"3\"\ns1,u4\n", Files.readString(f));
    assertEquals(4, r.rows());
    assertEquals(List.of("s0", "s1"), r.exported());
  }

  @Test
  void smallSegmentRefusesTheWholeExportAndWritesNothing() throws IOException {
    Path f = dir.resolve("segments.csv");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                AudienceExporter.DEFAULT.exportSegments(
                    List.of(segment("big", 150), segment("tiny", 99)), ExportTarget.file(f)));
    assertTrue(e.getMessage().contains("'tiny' has 99 distinct users"), e.getMessage());
    assertTrue(e.getMessage().contains("minimum export size 100"), e.getMessage());
    assertFalse(e.getMessage().contains("tiny-u0"), "a member id leaked: " + e.getMessage());
    assertFalse(Files.exists(f));
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(0, files.count(), "a temporary file was left behind");
    }
  }

  @Test
  void segmentOfExactlyTheMinimumIsExported() throws IOException {
    Path f = dir.resolve("segments.csv");
    ExportReport r =
        AudienceExporter.DEFAULT.exportSegments(List.of(segment("s", 100)), ExportTarget.file(f));
    assertEquals(100, r.rows());
    assertEquals(101, Files.readAllLines(f).size());
  }

  @Test
  void omitPolicyLeavesSmallGroupsOutAndSaysSo() throws IOException {
    Path f = dir.resolve("aud.csv");
    AudienceExporter ex =
        AudienceExporter.builder().setSmallGroupPolicy(SmallGroupPolicy.OMIT).get();
    ExportReport r =
        ex.exportAudiences(List.of(segment("a", 120), segment("b", 5)), ExportTarget.file(f));
    assertEquals(List.of("a"), r.exported());
    assertEquals(List.of("b"), r.omitted());
    List<String> lines = Files.readAllLines(f);
    assertEquals("audience,user_id,score", lines.get(0));
    assertEquals("a,a-u0,", lines.get(1));
    assertEquals(121, lines.size());
  }

  @Test
  void lookalikeScoresAreWritten() throws IOException {
    Path f = dir.resolve("look.csv");
    List<Audience.Member> members = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      members.add(new Audience.Member("u" + i, 1.0 - i / 200.0));
    }
    AudienceExporter.DEFAULT.exportAudiences(
        List.of(Audience.ofMembers("lookalike", members)), ExportTarget.file(f));
    assertEquals("lookalike,u1,0.995", Files.readAllLines(f).get(2));
  }

  @Test
  void duplicateGroupNamesAreRefused() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                AudienceExporter.DEFAULT.exportSegments(
                    List.of(segment("x", 100), segment("x", 100)),
                    ExportTarget.file(dir.resolve("d"))));
    assertTrue(e.getMessage().contains("'x'"), e.getMessage());
  }

  private static Recommendation rec(String item, float score) {
    return new Recommendation(item, score, List.of());
  }

  @Test
  void recommendationsAreWrittenInOrderRankedByPosition() throws IOException {
    Path f = dir.resolve("recs.csv");
    Map<String, List<Recommendation>> byUser = new LinkedHashMap<>();
    byUser.put("u2", List.of(rec("i1", 0.75f)));
    byUser.put("u1", List.of(rec("i9", 0.5f), rec("i3", 0.25f)));
    byUser.put("u3", List.of());
    ExportReport r = AudienceExporter.DEFAULT.exportRecommendations(byUser, ExportTarget.file(f));
    assertEquals(
        "user_id,rank,item_id,score\nu2,1,i1,0.75\nu1,1,i9,0.5\nu1,2,i3,0.25\n",
        Files.readString(f));
    assertEquals(3, r.rows());
  }

  @Test
  void failureMidExportKeepsThePreviousFile() throws IOException {
    Path f = dir.resolve("recs.csv");
    Files.writeString(f, "previous export\n");
    Map<String, List<Recommendation>> failing = new LinkedHashMap<>();
    for (int i = 0; i < 1000; i++) {
      failing.put("u" + i, List.of(rec("i", 1)));
    }
    failing.put(
        "u-last",
        new AbstractList<>() {
          @Override
          public Recommendation get(int index) {
            throw new IllegalStateException("recommender failed");
          }

          @Override
          public int size() {
            return 1;
          }
        });
    assertThrows(
        IllegalStateException.class,
        () -> AudienceExporter.DEFAULT.exportRecommendations(failing, ExportTarget.file(f)));
    assertEquals("previous export\n", Files.readString(f));
  }

  @Test
  void oneUserListedAHundredTimesIsAGroupOfOne() throws IOException {
    Path f = dir.resolve("dup.csv");
    Audience padded = Audience.of("padded", java.util.Collections.nCopies(100, "u-secret"));
    assertEquals(100, padded.size());
    assertEquals(1, padded.distinctUsers());
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> AudienceExporter.DEFAULT.exportSegments(List.of(padded), ExportTarget.file(f)));
    assertTrue(e.getMessage().contains("has 1 distinct users (100 listed)"), e.getMessage());
    assertFalse(e.getMessage().contains("u-secret"), e.getMessage());
    assertFalse(Files.exists(f));

    ExportReport r =
        AudienceExporter.builder()
            .setSmallGroupPolicy(SmallGroupPolicy.OMIT)
            .get()
            .exportSegments(List.of(padded, segment("ok", 100)), ExportTarget.file(f));
    assertEquals(List.of("padded"), r.omitted());
  }

  @Test
  void duplicatesNearTheMinimumAreWrittenOnceAndDoNotCount() throws IOException {
    Path f = dir.resolve("near.csv");
    List<String> ids =
        new ArrayList<>(segment("s", 99).members().stream().map(Audience.Member::userId).toList());
    ids.add("s-u0"); // 100 rows, 99 users
    assertThrows(
        IllegalArgumentException.class,
        () ->
            AudienceExporter.DEFAULT.exportSegments(
                List.of(Audience.of("s", ids)), ExportTarget.file(f)));
    ids.add("s-u99"); // 101 rows, 100 users
    ExportReport r =
        AudienceExporter.DEFAULT.exportSegments(
            List.of(Audience.of("s", ids)), ExportTarget.file(f));
    assertEquals(100, r.rows());
    assertEquals(101, Files.readAllLines(f).size());
  }

  @Test
  void minimumsBelowTheFloorNeedTheUnsafeFlagFirst() {
    for (int k = 1; k < 10; k++) {
      int kk = k;
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class, () -> AudienceExporter.builder().setMinGroupSize(kk));
      assertTrue(e.getMessage().contains("allowUnsafeMinimum()"), e.getMessage());
    }
    assertEquals(10, AudienceExporter.builder().setMinGroupSize(10).get().minGroupSize());
    AudienceExporter unsafe =
        AudienceExporter.builder().allowUnsafeMinimum().setMinGroupSize(1).get();
    assertEquals(1, unsafe.minGroupSize());
    assertEquals(1, unsafe.toBuilder().get().minGroupSize());
    assertTrue(unsafe.toString().contains("unsafe"), unsafe.toString());
  }

  @Test
  void optionsAreValidatedAndNeverShowMembers() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> AudienceExporter.builder().setMinGroupSize(0));
    assertTrue(e.getMessage().contains("(0)"), e.getMessage());
    assertEquals(
        500, AudienceExporter.DEFAULT.toBuilder().setMinGroupSize(500).get().minGroupSize());
    assertEquals("Audience[s, 3 members]", segment("s", 3).toString());
  }
}
