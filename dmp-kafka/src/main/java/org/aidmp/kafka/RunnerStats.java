package org.aidmp.kafka;

/**
 * A runner's counters. {@code read}, {@code applied}, {@code deadLettered} and {@code
 * withoutConsent} are the account of the partitions the runner owns now, kept in their state and so
 * exact across crashes and rebalances: read = applied + deadLettered + withoutConsent. The others
 * count this runner's own work since it started (replays after a crash included).
 *
 * @param read records of the owned partitions ever taken in
 * @param applied of which folded into the live state
 * @param deadLettered of which sent to the dead-letter topic (bad values and rejected events)
 * @param withoutConsent of which dropped for lack of consent
 * @param processed records this runner processed since it started, replays included
 * @param eventsPerSecond {@code processed} over the seconds since the runner started
 * @param lag records behind the end of the owned partitions, as last seen by the consumer
 * @param partitions partitions owned now
 * @param snapshots generations this runner committed
 * @param batchVersion the batch model version in service
 */
public record RunnerStats(
    long read,
    long applied,
    long deadLettered,
    long withoutConsent,
    long processed,
    double eventsPerSecond,
    long lag,
    int partitions,
    long snapshots,
    long batchVersion) {}
