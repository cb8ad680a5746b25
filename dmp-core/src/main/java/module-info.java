/**
 * dmp's core: the record model, cleaners, profiles and features, segmentation, similarity and
 * lookalikes, recommenders, live feedback and campaigns, the stage and user-state contracts and the
 * pipeline. No file, network or cloud code.
 *
 * <p>Packages under {@code org.aidmp.internal} are not exported: they are shared by the library's
 * own modules and may change at any time.
 */
module org.aidmp.core {
  requires transitive ejml.core;
  requires ejml.ddense;
  requires commons.math3;
  requires org.slf4j;
  requires static jdk.incubator.vector;

  exports org.aidmp.audience;
  exports org.aidmp.campaign;
  exports org.aidmp.clean;
  exports org.aidmp.data;
  exports org.aidmp.evaluation;
  exports org.aidmp.feedback;
  exports org.aidmp.kmeans;
  exports org.aidmp.knn;
  exports org.aidmp.pipeline;
  exports org.aidmp.predict;
  exports org.aidmp.predict.clv;
  exports org.aidmp.predict.eval;
  exports org.aidmp.predict.linear;
  exports org.aidmp.predict.tree;
  exports org.aidmp.privacy;
  exports org.aidmp.privacy.dp;
  exports org.aidmp.profile;
  exports org.aidmp.progress;
  exports org.aidmp.recommend;
  exports org.aidmp.stage;
  exports org.aidmp.state;
  exports org.aidmp.internal.codec to
      org.aidmp.io;
  exports org.aidmp.internal.privacy to
      org.aidmp.io;
}
