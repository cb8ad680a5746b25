/** Internal: the one way seeds are split per stage. Not exported; not part of the API. */
package org.aidmp.internal.random;
