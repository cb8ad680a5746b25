package org.aidmp.pipeline;

import java.util.Set;
import java.util.TreeSet;
import org.aidmp.data.BadRecordPolicy;
import org.aidmp.pipeline.Pipeline.Builder;
import org.aidmp.predict.ScoreStage;
import org.aidmp.privacy.Purpose;
import org.aidmp.recommend.Interactions;

/**
 * The checks a {@link Pipeline} makes of its options as a whole when it is built, so that a run
 * never stops halfway over a combination that cannot work: a stage without the input it needs, an
 * event type without a recommender weight, a quarantine policy without a quarantine. Each message
 * names the option and the fix.
 */
final class PipelineChecks {
  private PipelineChecks() {}

  /**
   * Checks the builder's options together, and the event mapping against the (cleaned) events'
   * schema.
   *
   * @throws IllegalStateException naming the missing or conflicting option
   */
  static void check(Builder b) {
    if (b.events == null) {
      throw new IllegalStateException("no events source; call events(source) before build()");
    }
    if (b.mapping == null) {
      throw new IllegalStateException(
          "no event mapping; call mapEvents(EventMapping...) to say which columns hold the user"
              + " id, timestamp and event type");
    }
    if (b.segmenter != null && b.features == null) {
      throw new IllegalStateException(
          "segment(...) needs a feature matrix; call features(FeatureSpec...) too");
    }
    if (b.lookalike != null && b.features == null) {
      throw new IllegalStateException(
          "lookalike(...) needs a feature matrix; call features(FeatureSpec...) too");
    }
    for (ScoreStage s : b.scoreStages) {
      if (s.transform().isEmpty() && b.features == null) {
        throw new IllegalStateException(
            "score '"
                + s.name()
                + "' needs feature rows; call features(FeatureSpec...) too, or give the stage the"
                + " transform its model was fitted with");
      }
    }
    if (b.interactions != null && b.recommender == null) {
      throw new IllegalStateException(
          "interactions(...) is set but nothing uses them; call recommend(...) too");
    }
    if (b.recommender != null && !b.mapping.itemColumn().isPresent()) {
      throw new IllegalStateException(
          "recommend(...) needs item ids; map the item column with setItemColumn");
    }
    if (!b.profileOnly.isEmpty() && b.recommender == null) {
      throw new IllegalStateException(
          "profileOnly(...) keeps event types out of recommendations, but there is no"
              + " recommender; call recommend(...) too, or drop profileOnly");
    }
    if (b.recommender != null) {
      checkWeights(b);
    }
    if (b.policy == BadRecordPolicy.QUARANTINE && b.quarantine == null) {
      throw new IllegalStateException(
          "policy QUARANTINE needs a quarantine; pass one to badRecords(policy, quarantine)");
    }
    b.mapping.check(
        b.eventCleaning == null
            ? b.events.schema()
            : b.eventCleaning.outputSchema(b.events.schema()));
  }

  /**
   * Every event type the mapping lets through must have a recommender weight or be kept for
   * profiles only, so that a run does not meet an unweighted type halfway. A mapping without a type
   * list cannot be checked here; its unweighted types are left out of the interactions at run time
   * and reported.
   */
  private static void checkWeights(Builder b) {
    Set<String> known = new TreeSet<>(b.mapping.allowedTypes());
    b.mapping.fixedType().ifPresent(known::add);
    Set<String> weighted =
        (b.interactions == null ? Interactions.builder() : b.interactions.get()).weightedTypes();
    for (String type : known) {
      if (!weighted.contains(type) && !b.profileOnly.contains(type)) {
        throw new IllegalStateException(
            "event type '"
                + type
                + "' is allowed by the mapping but has no recommender weight (weighted: "
                + weighted
                + "); give it one with interactions(() -> Interactions.builder().setWeight(...)),"
                + " or keep it for profiles only with profileOnly(...)");
      }
    }
    for (String type : b.profileOnly) {
      if (!known.isEmpty() && !known.contains(type)) {
        throw new IllegalStateException(
            "profileOnly names event type '"
                + type
                + "', which the mapping does not allow ("
                + known
                + "); fix the name or the mapping's types");
      }
    }
  }

  /**
   * The attribute columns the profile store keeps: those the feature spec uses, those the consent
   * policy reads, and those the host allowed besides.
   */
  static AttributeAllowList keptAttributes(Builder b) {
    AttributeAllowList.Builder keep = AttributeAllowList.builder();
    if (b.features != null) {
      keep.addFeatures(b.features);
    }
    if (b.consentPolicy != null) {
      keep.addConsent(b.consentPolicy, Purpose.builtIn());
    }
    if (b.moreAttributes != null) {
      keep.addAll(b.moreAttributes);
    }
    return keep.get();
  }
}
