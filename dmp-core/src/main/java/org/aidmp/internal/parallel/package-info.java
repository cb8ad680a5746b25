/**
 * Internal: the one worker pool the library's parallel loops run on (K-Means, kNN batches, tree
 * fitting, dense inversion). Not exported; not part of the API.
 */
package org.aidmp.internal.parallel;
