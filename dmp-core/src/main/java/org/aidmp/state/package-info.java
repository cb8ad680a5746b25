/**
 * One lifecycle for everything that holds per-user data: {@link org.aidmp.state.UserStatePart}
 * (forget a user, write into a snapshot, report a model version), {@link
 * org.aidmp.state.UserStates} (all parts of a deployment) and the {@link
 * org.aidmp.state.ForgetReceipt} an erasure returns.
 */
package org.aidmp.state;
