package org.aidmp.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.aidmp.audience.Audience;
import org.aidmp.data.BadRecordPolicy;
import org.aidmp.fixtures.SampleData;
import org.aidmp.fixtures.SampleSchema;
import org.aidmp.io.csv.CsvQuarantine;
import org.aidmp.io.csv.CsvSource;
import org.aidmp.io.export.AudienceExporter;
import org.aidmp.io.export.ExportTarget;
import org.aidmp.io.export.SmallGroupPolicy;
import org.aidmp.io.snapshot.SnapshotReader;
import org.aidmp.io.snapshot.SnapshotWriter;
import org.aidmp.kmeans.KMeans;
import org.aidmp.knn.Lookalike;
import org.aidmp.pipeline.Pipeline;
import org.aidmp.pipeline.PipelineResult;
import org.aidmp.pipeline.Segmentation;
import org.aidmp.privacy.PseudonymKey;
import org.aidmp.privacy.Pseudonymizer;
import org.aidmp.profile.FeatureSpec;
import org.aidmp.profile.ProfileMatrix;
import org.aidmp.recommend.Recommendation;
import org.aidmp.recommend.Recommender;
import org.aidmp.recommend.RecommenderTrainer;
import org.aidmp.state.ForgetReceipt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Erasure reaches every file the library wrote. A pseudonymised run on the sample data quarantines
 * bad rows to a gzipped CSV file, saves two snapshot generations, exports segments, a lookalike
 * audience and recommendations and writes the segment report; then one user is forgotten with the
 * one call, the snapshot folder forgets too, and the exports and report are written again from the
 * forgotten state. A raw byte scan of every file under the output folder, gzip members
 * decompressed, must find neither the raw id nor the pseudonym afterwards, and must find them
 * before (so the scan can fail).
 *
 * <p>Encodings scanned: every string the library writes is UTF-8 (CSV files, the report) or Java's
 * modified UTF-8 ({@code writeUTF}, in snapshot parts), which are the same bytes for ids made of
 * ASCII letters, digits, {@code -}, {@code _} and {@code .} as both ids and pseudonyms are;
 * snapshot parts are not compressed, and the quarantine and any other {@code .gz} file is scanned
 * decompressed as well as raw.
 */
class ErasureByteScanTest {
  private static final Pattern SAMPLE_ID = Pattern.compile("\\bu\\d{6}\\b");

  @TempDir Path dir;

  /** Every file under {@code root} whose bytes, or whose gunzipped bytes, contain a needle. */
  private static List<String> filesHolding(Path root, String... needles) throws IOException {
    List<String> hits = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path p : files.filter(Files::isRegularFile).sorted().toList()) {
        byte[] raw = Files.readAllBytes(p);
        List<byte[]> views = new ArrayList<>(List.of(raw));
        if (raw.length > 2 && (raw[0] & 0xff) == 0x1f && (raw[1] & 0xff) == 0x8b) {
          try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
            views.add(in.readAllBytes());
          }
        }
        for (String n : needles) {
          byte[] needle = n.getBytes(StandardCharsets.UTF_8);
          for (byte[] v : views) {
            if (indexOf(v, needle) >= 0) {
              hits.add(root.relativize(p) + " holds " + (n.length() > 12 ? "the pseudonym" : n));
              break;
            }
          }
        }
      }
    }
    return hits;
  }

  private static int indexOf(byte[] hay, byte[] needle) {
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

  /** Raw ids that appear in the quarantine's row fields (the first five columns hold no values). */
  private static Set<String> quarantinedIds(Path gz) throws IOException {
    String text;
    try (GZIPInputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Set<String> ids = new TreeSet<>();
    Matcher m = SAMPLE_ID.matcher(text);
    while (m.find()) {
      ids.add(m.group());
    }
    return ids;
  }

  /** Exports and the report, written from the result as it is now. */
  private static void writeOutputs(PipelineResult result, Path out) throws IOException {
    AudienceExporter exporter =
        AudienceExporter.builder()
            .setMinGroupSize(10)
            .setSmallGroupPolicy(SmallGroupPolicy.OMIT)
            .get();
    Segmentation seg = result.segmentation().orElseThrow();
    ProfileMatrix matrix = seg.matrix();
    List<List<String>> members = new ArrayList<>();
    for (int c = 0; c < seg.k(); c++) {
      members.add(new ArrayList<>());
    }
    for (int r = 0; r < matrix.rows(); r++) {
      members.get(seg.model().labels()[r]).add(matrix.userId(r));
    }
    List<Audience> segments = new ArrayList<>();
    for (int c = 0; c < seg.k(); c++) {
      segments.add(Audience.of("segment-" + c, members.get(c)));
    }
    exporter.exportSegments(segments, ExportTarget.file(out.resolve("segments.csv")));

    List<String> seeds = members.get(0).subList(0, Math.min(20, members.get(0).size()));
    Audience lookalike = result.lookalikes().orElseThrow().expand(seeds);
    exporter.exportAudiences(List.of(lookalike), ExportTarget.file(out.resolve("audience.csv")));

    Recommender model = result.recommender().orElseThrow();
    Map<String, List<Recommendation>> recs = new LinkedHashMap<>();
    for (String user : model.interactions().userIds()) {
      recs.put(user, model.recommend(user, 3));
    }
    exporter.exportRecommendations(recs, ExportTarget.file(out.resolve("recommendations.csv")));
    Quickstart.writeReport(result, out.resolve("segments.html"));
  }

  @Test
  void afterForgettingNoFileTheLibraryWroteHoldsTheIdOrItsPseudonym() throws IOException {
    SampleData.Written input =
        SampleData.builder()
            .setUsers(800)
            .setEvents(16_000)
            .setSeed(11)
            .get()
            .writeTo(dir.resolve("in"));
    Path out = Files.createDirectories(dir.resolve("out"));
    Path quarantineFile = out.resolve("quarantine.csv.gz");
    Path snapshots = out.resolve("snapshots");
    byte[] secret = new byte[32];
    new java.util.SplittableRandom(5).nextBytes(secret);
    Pseudonymizer pseudonyms = Pseudonymizer.of(PseudonymKey.of("k1", secret));

    PipelineResult result;
    try (CsvQuarantine quarantine = CsvQuarantine.open(quarantineFile)) {
      result =
          Pipeline.builder()
              .events(
                  CsvSource.builder(input.events())
                      .setBadRecordPolicy(BadRecordPolicy.QUARANTINE)
                      .setQuarantine(quarantine)
                      .get())
              .cleanEvents(SampleSchema.eventCleaning(quarantine))
              .mapEvents(SampleSchema.EVENT_MAPPING)
              .attributes(
                  CsvSource.builder(input.users())
                      .setBadRecordPolicy(BadRecordPolicy.QUARANTINE)
                      .setQuarantine(quarantine)
                      .get(),
                  "user_id")
              .cleanAttributes(SampleSchema.attributeCleaning(quarantine))
              .features(
                  FeatureSpec.builder()
                      .setEventTypes(SampleSchema.EVENT_TYPES)
                      .setRfmTypes(List.of("purchase"))
                      .setTopCategories(4)
                      .setNumericAttributes(List.of("age"))
                      .get())
              .segment(KMeans.builder().setK(3).setSeed(42).get())
              .recommend(RecommenderTrainer.itemKnn(10))
              .lookalike(Lookalike.builder().setTargetSize(200).get())
              .pseudonymize(pseudonyms)
              .badRecords(BadRecordPolicy.QUARANTINE, quarantine)
              .run();
    }

    // The user to forget: one whose raw id is in the quarantine file and who is modelled, so
    // that every kind of file holds them in one form or the other.
    ProfileMatrix matrix = result.matrix().orElseThrow();
    Recommender model = result.recommender().orElseThrow();
    String raw = null;
    for (String id : quarantinedIds(quarantineFile)) {
      String p = pseudonyms.pseudonym(id);
      if (matrix.rowOf(p) >= 0 && model.interactions().userIndex(p) >= 0) {
        raw = id;
        break;
      }
    }
    assertNotNull(raw, "no modelled user has a quarantined row; the sample has too few bad rows");
    String pseudonym = pseudonyms.pseudonym(raw);

    for (int g = 0; g < 2; g++) {
      try (SnapshotWriter w = SnapshotWriter.update(snapshots)) {
        w.writeParts(result.userStates());
        w.writeKMeans(result.segmentation().orElseThrow().kMeans().orElseThrow());
        w.commit();
      }
    }
    writeOutputs(result, out);

    List<String> before = filesHolding(out, raw, pseudonym);
    assertTrue(before.contains("quarantine.csv.gz holds " + raw), String.join("\n", before));
    assertTrue(before.contains("segments.csv holds the pseudonym"), String.join("\n", before));
    assertTrue(
        before.contains("recommendations.csv holds the pseudonym"), String.join("\n", before));
    long snapshotHits = before.stream().filter(h -> h.startsWith("snapshots")).count();
    assertTrue(snapshotHits >= 4, "both generations hold the user, by both names:\n" + before);

    ForgetReceipt receipt = result.forget(pseudonym);
    SnapshotWriter.Erasure erased = SnapshotWriter.forget(snapshots, result.userStates());
    // Exports and the report are outputs of the state: the host writes them again from it.
    writeOutputs(result, out);

    List<String> after = filesHolding(out, raw, pseudonym);
    assertEquals(List.of(), after, "files still holding the forgotten user");
    assertEquals(2, erased.generationsDeleted());
    Set<String> parts = new LinkedHashSet<>();
    for (ForgetReceipt.PartErasure e : receipt.parts()) {
      if (e.removed() > 0) {
        parts.add(e.part());
      }
    }
    assertTrue(
        parts.containsAll(List.of("profiles", "matrix", "interactions", "quarantine")),
        "parts that removed something: " + parts);
    assertFalse(SnapshotReader.open(snapshots).readProfiles().contains(pseudonym));
  }
}
