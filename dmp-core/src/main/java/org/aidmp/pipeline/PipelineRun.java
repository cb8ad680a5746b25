package org.aidmp.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.aidmp.clean.Cleaners;
import org.aidmp.clean.Cleaning;
import org.aidmp.clean.CleaningReport;
import org.aidmp.clean.CleaningRun;
import org.aidmp.data.ReadCounts;
import org.aidmp.internal.kernels.VectorKernelsProvider;
import org.aidmp.internal.random.Seeds;
import org.aidmp.kmeans.Persona;
import org.aidmp.knn.CosineIndex;
import org.aidmp.predict.ScoreStage;
import org.aidmp.predict.Scores;
import org.aidmp.privacy.Purpose;
import org.aidmp.profile.FeatureTransform;
import org.aidmp.profile.ProfileMatrix;
import org.aidmp.profile.ProfileStore;
import org.aidmp.profile.UserProfile;
import org.aidmp.recommend.Interactions;
import org.aidmp.recommend.Recommender;
import org.aidmp.stage.Provenance;
import org.aidmp.stage.SegmentModel;
import org.aidmp.stage.Segmenter;
import org.aidmp.stage.StageRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of a {@link Pipeline}: wires its stages in order (attributes, events, features, segments,
 * recommender, lookalike index, scores), records each stage for the provenance, assembles the
 * {@link PipelineResult} and hands it to the output stages. Used once, on one thread.
 */
final class PipelineRun {
  private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);

  private final Pipeline p;
  private final Instant started = Instant.now();
  private final List<StageRecord> stages = new ArrayList<>();
  private final List<String> inputs = new ArrayList<>();
  private final ProfileStore store;

  PipelineRun(Pipeline pipeline) {
    this.p = pipeline;
    this.store = p.storeConfig == null ? ProfileStore.create() : p.storeConfig.build();
  }

  PipelineResult run() {
    CleaningReport attributeReport = null;
    ReadCounts joined = null;
    // Attributes first, so that consent is known while the events stream past.
    if (p.attributes != null) {
      inputs.add(p.attributes.description());
      long t = System.nanoTime();
      Cleaning c = p.attributeCleaning == null ? Cleaning.builder().get() : p.attributeCleaning;
      Cleaning fitted = pseudonymised(c.fit(p.attributes), p.attributeIdColumn);
      CleaningRun cleaned = fitted.apply(p.attributes);
      joined =
          store.joinAttributes(
              cleaned, p.attributeIdColumn, p.keptAttributes::allows, p.policy, p.quarantine);
      attributeReport = cleaned.report();
      stages.add(
          new StageRecord(
              "clean+join attributes",
              fitted,
              attributeReport.read(),
              joined.accepted(),
              since(t)));
    }

    inputs.add(p.events.description());
    long t = System.nanoTime();
    Cleaning fittedEvents = pseudonymised(p.eventCleaning.fit(p.events), p.mapping.userIdColumn());
    CleaningRun cleanedEvents = fittedEvents.apply(p.events);
    Interactions.Builder pairs = p.recommender == null ? null : p.interactions.get();
    ConsentGate gate =
        pairs == null
            ? null
            : new ConsentGate(
                p.consent.apply(Purpose.PERSONALISATION), store, pairs, p.profileOnly);
    ReadCounts mapped =
        store.ingest(
            cleanedEvents,
            p.mapping,
            p.policy,
            p.quarantine,
            p.progress,
            gate == null ? e -> {} : gate::offer);
    CleaningReport eventReport = cleanedEvents.report();
    if (gate != null && !gate.unweighted().isEmpty()) {
      LOG.warn(
          "events of types without a recommender weight were kept for profiles only, per type: {};"
              + " weigh them, or list them with profileOnly(...)",
          gate.unweighted());
    }
    stages.add(
        new StageRecord(
            "clean+profile events", p.mapping, eventReport.read(), mapped.accepted(), since(t)));

    ProfileMatrix matrix = p.features == null ? null : features();
    Segmentation segmentation = p.segmenter == null ? null : segment(matrix);
    Recommender recommendations = pairs == null ? null : recommend(pairs);
    Lookalikes lookalikes = p.lookalike == null ? null : lookalikes(matrix);
    List<Scores> scores = scores(matrix);

    Provenance provenance =
        new Provenance(
            started,
            inputs,
            stages,
            p.seed,
            Provenance.currentJvm(),
            VectorKernelsProvider.get().name());
    PipelineResult result =
        new PipelineResult(
            eventReport,
            mapped,
            attributeReport,
            joined,
            store,
            matrix,
            segmentation,
            recommendations,
            lookalikes,
            provenance,
            p.quarantine,
            p.pseudonyms,
            scores);
    for (ResultSink sink : p.outputs) {
      try {
        sink.write(result);
      } catch (IOException e) {
        throw new UncheckedIOException(
            "output stage " + sink.getClass().getName() + " failed: " + e.getMessage(), e);
      }
    }
    return result;
  }

  private ProfileMatrix features() {
    long t = System.nanoTime();
    ProfileMatrix matrix = p.features.fit(store, p.consent.apply(Purpose.ANALYTICS), p.progress);
    stages.add(new StageRecord("features", p.features, store.size(), matrix.rows(), since(t)));
    return matrix;
  }

  private Segmentation segment(ProfileMatrix matrix) {
    long t = System.nanoTime();
    Segmenter stage = seeded(p.segmenter, "segment");
    SegmentModel model = stage.fit(matrix.matrix());
    FeatureTransform transform = matrix.transform();
    List<Persona> personas =
        Persona.describe(
            model, matrix.matrix(), transform, Math.min(p.personaTraits, matrix.cols()));
    stages.add(new StageRecord("segment", stage, matrix.rows(), model.k(), since(t)));
    return new Segmentation(model, personas, matrix);
  }

  private Recommender recommend(Interactions.Builder pairs) {
    long t = System.nanoTime();
    Interactions x = pairs.build();
    Recommender recommendations = p.recommender.fit(x);
    stages.add(new StageRecord("recommend", p.recommender, x.nonZeros(), x.itemCount(), since(t)));
    return recommendations;
  }

  private Lookalikes lookalikes(ProfileMatrix matrix) {
    long t = System.nanoTime();
    CosineIndex index = advertisingIndex(matrix);
    stages.add(
        new StageRecord("lookalike index", p.lookalike, matrix.rows(), index.size(), since(t)));
    return new Lookalikes(index, p.lookalike);
  }

  private List<Scores> scores(ProfileMatrix matrix) {
    List<Scores> scores = new ArrayList<>(p.scoreStages.size());
    for (ScoreStage s : p.scoreStages) {
      long t = System.nanoTime();
      Predicate<UserProfile> allowed = p.consent.apply(s.purpose());
      Scores table = s.score(store, allowed, matrix == null ? null : matrix.transform());
      scores.add(table);
      stages.add(
          new StageRecord(
              "score " + s.name(), s, table.size() + table.unscored(), table.size(), since(t)));
      if (table.unscored() > 0) {
        LOG.warn(
            "score '{}': {} allowed users got no score (their profile did not fit the features"
                + " or the model gave NaN)",
            s.name(),
            table.unscored());
      }
    }
    return scores;
  }

  /** The cleaning followed by pseudonymisation of the id column, when pseudonyms are on. */
  private Cleaning pseudonymised(Cleaning fitted, String idColumn) {
    if (p.pseudonyms == null) {
      return fitted;
    }
    return fitted.then("pseudonymise " + idColumn, Cleaners.hash(p.pseudonyms, idColumn));
  }

  /**
   * The lookalike index serves audiences, so it holds the feature rows of users allowed for {@link
   * Purpose#ADVERTISING} only.
   */
  private CosineIndex advertisingIndex(ProfileMatrix matrix) {
    Predicate<UserProfile> ads = p.consent.apply(Purpose.ADVERTISING);
    CosineIndex index = CosineIndex.create(matrix.cols());
    int d = matrix.cols();
    float[] row = new float[d];
    for (int r = 0; r < matrix.rows(); r++) {
      String id = matrix.userId(r);
      if (store.get(id).map(ads::test).orElse(false)) {
        System.arraycopy(matrix.matrix().data, r * d, row, 0, d);
        index.put(id, row);
      }
    }
    return index;
  }

  /**
   * The stage as it will run: a stage that draws at random gets its own split of the pipeline's
   * seed when the pipeline was given one, and keeps its own seed otherwise.
   */
  private Segmenter seeded(Segmenter stage, String name) {
    return p.seedGiven ? stage.reseeded(Seeds.split(p.seed, name)) : stage;
  }

  private static Duration since(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }
}
