/**
 * Exact cosine nearest neighbours and lookalike audiences: {@link org.aidmp.knn.CosineIndex} scores
 * query blocks against row blocks in SIMD tiles with a bounded heap per query and filters inside
 * the scan; {@link org.aidmp.knn.Lookalike} expands a seed audience over such an index.
 */
package org.aidmp.knn;
