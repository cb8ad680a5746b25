/** Benchmarks of the recommenders' fits, with their peers. */
package org.aidmp.bench.recommend;
