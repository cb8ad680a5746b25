/**
 * Audiences: named groups of users, best first with a score each, as lookalike expansions ({@code
 * Lookalike.expand}), score rules ({@code ScoreAudience}) and segments produce them and as exports
 * take them. One type, {@link org.aidmp.audience.Audience}, carries the members and what the rule
 * that chose them saw of everyone eligible (reach, quantiles, a histogram).
 *
 * <pre>{@code
 * Audience vip = Audience.of("segment-3", List.of("u1", "u7", "u9"));
 * }</pre>
 */
package org.aidmp.audience;
