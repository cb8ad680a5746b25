/**
 * Predictive analytics: propensity, churn and risk scores, lifetime value, and audiences by score.
 * Trainers implement {@link org.aidmp.stage.Scorer} and their models {@link
 * org.aidmp.stage.ScoreModel}: gradient-boosted trees in {@code tree}, logistic regression in
 * {@code linear}, calibration and evaluation in {@code eval}, BG/NBD, Gamma-Gamma and CLV in {@code
 * clv}. Models save to one framed format (magic, kind, version, CRC32) and carry the {@link
 * org.aidmp.stage.Provenance} of their fit; {@link org.aidmp.predict.ScoreAudience} turns scores
 * into audiences that honour consent and a minimum group size. {@link org.aidmp.predict.ScoreStage}
 * scores every user allowed for a purpose into a {@link org.aidmp.predict.Scores} table, a
 * user-state part that forgetting a user clears; it is the pipeline's {@code score(...)} stage.
 */
package org.aidmp.predict;
