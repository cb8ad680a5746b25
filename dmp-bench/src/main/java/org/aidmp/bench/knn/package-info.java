/**
 * JMH benchmarks of exact cosine kNN (with a plain-loop floor in the same class; FAISS runs from
 * {@code ../shared/peers} on the same files) and of recommendation latency, plus a check of the
 * index's ids against an exact double-precision reference and FAISS.
 */
package org.aidmp.bench.knn;
