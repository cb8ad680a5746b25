/**
 * JMH benchmarks of live feedback: throughput and latency of {@link
 * org.aidmp.feedback.FeedbackUpdater#accept} against a one-lock plain Java peer.
 */
package org.aidmp.bench.feedback;
