/**
 * Internal: what the live updater uses to keep state beside a {@link
 * org.aidmp.profile.ProfileStore} (its rows under the users' slots, its admission under the users'
 * locks). Not exported; not part of the API. It sits beside the profile package rather than under
 * {@code org.aidmp.internal} because it speaks of profile types, which the internal packages must
 * not depend on.
 */
package org.aidmp.profile.live;
