/**
 * Internal: the minimum-group-size rule that every output publishing groups of users applies.
 * Exported only to {@code org.aidmp.io} (its exporter and segment report); not part of the API.
 */
package org.aidmp.internal.privacy;
