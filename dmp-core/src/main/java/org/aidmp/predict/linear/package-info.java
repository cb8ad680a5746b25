/**
 * Logistic regression with L2 and L1 penalties, solved by L-BFGS or OWL-QN: {@link
 * org.aidmp.predict.linear.LogisticRegression} fits a {@link
 * org.aidmp.predict.linear.LogisticModel}.
 */
package org.aidmp.predict.linear;
