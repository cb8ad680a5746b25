/**
 * Customer lifetime value: the BG/NBD model of repeat purchases, the Gamma-Gamma model of spend,
 * both fitted by maximum likelihood, and their discounted product, from per-customer frequency,
 * recency, age and mean spend ({@link org.aidmp.predict.clv.RfmSummary}).
 */
package org.aidmp.predict.clv;
