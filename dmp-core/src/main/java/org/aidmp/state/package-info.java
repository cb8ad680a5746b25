/**
 * One lifecycle for everything that holds per-user data: {@link org.aidmp.state.UserStatePart}
 * (forget a user, write into a snapshot, report a model version; {@code forgetAll} erases a user
 * from every part of a deployment at once), the {@link org.aidmp.state.ForgetReceipt} an erasure
 * returns and the {@link org.aidmp.state.ExpiryReceipt} a retention pass returns.
 */
package org.aidmp.state;
