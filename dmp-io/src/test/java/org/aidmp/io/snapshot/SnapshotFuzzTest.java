package org.aidmp.io.snapshot;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.DataInput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.aidmp.campaign.CampaignOptimizer;
import org.aidmp.feedback.FeedbackSnapshot;
import org.aidmp.kmeans.KMeansModel;
import org.aidmp.knn.CosineIndex;
import org.aidmp.profile.FeatureTransform;
import org.aidmp.profile.ProfileStore;

/**
 * Fuzzes every reader of a snapshot folder: the container ({@link SnapshotFile}), the pointer and
 * the manifest ({@link SnapshotReader#open}), and each part codec {@link SnapshotReader} reads, fed
 * arbitrary payloads inside a valid container (the checksum would otherwise stop almost every input
 * before the codec). The only acceptable failure is an {@link IOException}: {@link
 * SnapshotFormatException} for a damaged file or payload.
 */
class SnapshotFuzzTest {
  private static final Path DIR;

  static {
    try {
      DIR = Files.createTempDirectory("dmp-snapshot-fuzz");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static final List<IOFunction<DataInput, ?>> CODECS =
      List.of(
          SnapshotManifest::read,
          ProfileStore::read,
          KMeansModel::read,
          CosineIndex::read,
          FeatureTransform::read,
          FeedbackSnapshot::read,
          CampaignOptimizer::read,
          DataInput::readLong);

  /** Arbitrary bytes as a container file, as the CURRENT pointer and as a manifest. */
  @FuzzTest(maxDuration = "3m")
  void arbitraryFilesAreReadOrRejected(byte[] input) throws IOException {
    Path file = DIR.resolve("c.dmps");
    Files.write(file, input);
    try {
      SnapshotFile.verify(file);
      SnapshotFile.read(
          file,
          in -> {
            ((ChannelDataInput) in).drain();
            return null;
          });
    } catch (IOException expected) {
      // declared
    }
    Path folder = DIR.resolve("folder");
    Generations.deleteTree(folder);
    Path gen = Files.createDirectories(folder.resolve(Generations.name(1)));
    Files.write(folder.resolve(Generations.CURRENT), input);
    Files.write(gen.resolve(SnapshotManifest.FILE_NAME), input);
    try {
      SnapshotReader.open(folder).verify();
    } catch (IOException expected) {
      // declared: damaged pointer or manifest, or no committed generation
    }
  }

  /** Arbitrary payloads in a valid container, read by each part codec. */
  @FuzzTest(maxDuration = "3m")
  void arbitraryPayloadsAreDecodedOrRejected(FuzzedDataProvider data) throws IOException {
    IOFunction<DataInput, ?> codec = CODECS.get(data.consumeInt(0, CODECS.size() - 1));
    int version = data.consumeInt(0, 3);
    byte[] payload = data.consumeRemainingAsBytes();
    Path file = DIR.resolve("p.dmps");
    SnapshotFile.write(file, version, out -> out.write(payload));
    try {
      SnapshotFile.read(file, codec);
    } catch (IOException expected) {
      // declared: the codec rejected the payload
    }
  }
}
