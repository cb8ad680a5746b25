package org.aidmp.privacy.dp;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Objects;

/**
 * A privacy loss ε held as an exact fraction, so that budgets add up without rounding and the noise
 * samplers work in integers.
 *
 * <pre>{@code
 * Epsilon e = Epsilon.of(0.5);            // 1/2
 * Epsilon third = Epsilon.of(1, 3);
 * Epsilon both = e.plus(third);           // 5/6, exactly
 * }</pre>
 *
 * <p>{@link #of(double)} takes the shortest decimal that prints as the double ({@code 0.1} is 1/10,
 * not the binary fraction nearest to it). Numerator and denominator are at most {@link #MAX_PART}
 * so that the samplers' integer arithmetic cannot overflow. Immutable.
 */
public final class Epsilon implements Comparable<Epsilon> {
  /** The largest numerator or denominator accepted: 10⁹. */
  public static final long MAX_PART = 1_000_000_000L;

  /** No privacy loss; the start of every budget. */
  public static final Epsilon ZERO = new Epsilon(BigInteger.ZERO, BigInteger.ONE);

  private final BigInteger num;
  private final BigInteger den;

  private Epsilon(BigInteger num, BigInteger den) {
    BigInteger g = num.gcd(den);
    if (g.signum() > 0 && !g.equals(BigInteger.ONE)) {
      num = num.divide(g);
      den = den.divide(g);
    }
    this.num = num;
    this.den = den;
  }

  /** ε = {@code numerator / denominator}, both positive and at most {@link #MAX_PART}. */
  public static Epsilon of(long numerator, long denominator) {
    if (numerator <= 0 || denominator <= 0) {
      throw new IllegalArgumentException(
          "epsilon "
              + numerator
              + "/"
              + denominator
              + " is not positive; give a positive numerator and denominator");
    }
    Epsilon e = new Epsilon(BigInteger.valueOf(numerator), BigInteger.valueOf(denominator));
    e.requireSamplable();
    return e;
  }

  /** ε from a decimal such as {@code 0.5} or {@code 0.1}; positive and finite. */
  public static Epsilon of(double epsilon) {
    if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
      throw new IllegalArgumentException(
          "epsilon (" + epsilon + ") must be positive and finite; typical values are 0.1 to 2");
    }
    BigDecimal d = BigDecimal.valueOf(epsilon).stripTrailingZeros();
    BigInteger n = d.unscaledValue();
    BigInteger m = BigInteger.ONE;
    if (d.scale() > 0) {
      m = BigInteger.TEN.pow(d.scale());
    } else if (d.scale() < 0) {
      n = n.multiply(BigInteger.TEN.pow(-d.scale()));
    }
    Epsilon e = new Epsilon(n, m);
    e.requireSamplable();
    return e;
  }

  private void requireSamplable() {
    BigInteger max = BigInteger.valueOf(MAX_PART);
    if (num.compareTo(max) > 0 || den.compareTo(max) > 0) {
      throw new IllegalArgumentException(
          "epsilon "
              + this
              + " needs a numerator or denominator above "
              + MAX_PART
              + "; round it to fewer digits");
    }
  }

  /** The numerator of the reduced fraction. */
  public long numerator() {
    return num.longValueExact();
  }

  /** The denominator of the reduced fraction. */
  public long denominator() {
    return den.longValueExact();
  }

  /** Whether this is zero. */
  public boolean isZero() {
    return num.signum() == 0;
  }

  /** The exact sum. */
  public Epsilon plus(Epsilon other) {
    return new Epsilon(
        num.multiply(other.den).add(other.num.multiply(den)), den.multiply(other.den));
  }

  /** The exact difference; never negative. */
  public Epsilon minus(Epsilon other) {
    BigInteger n = num.multiply(other.den).subtract(other.num.multiply(den));
    if (n.signum() < 0) {
      throw new IllegalArgumentException(
          "epsilon " + other + " is larger than " + this + "; subtract a smaller value");
    }
    return new Epsilon(n, den.multiply(other.den));
  }

  /** This divided into {@code parts} equal shares (for sequential composition). */
  public Epsilon divide(long parts) {
    if (parts <= 0) {
      throw new IllegalArgumentException("parts (" + parts + ") must be positive");
    }
    Epsilon e = new Epsilon(num, den.multiply(BigInteger.valueOf(parts)));
    e.requireSamplable();
    return e;
  }

  /** The nearest double, for display and for formulas that need one. */
  public double toDouble() {
    return new BigDecimal(num)
        .divide(new BigDecimal(den), java.math.MathContext.DECIMAL64)
        .doubleValue();
  }

  @Override
  public int compareTo(Epsilon o) {
    return num.multiply(o.den).compareTo(o.num.multiply(den));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Epsilon e && e.num.equals(num) && e.den.equals(den);
  }

  @Override
  public int hashCode() {
    return Objects.hash(num, den);
  }

  /** A decimal where exact ({@code 0.25}), else the fraction ({@code 1/3}). */
  @Override
  public String toString() {
    BigInteger d = den;
    while (d.mod(BigInteger.TWO).signum() == 0) {
      d = d.divide(BigInteger.TWO);
    }
    while (d.mod(BigInteger.valueOf(5)).signum() == 0) {
      d = d.divide(BigInteger.valueOf(5));
    }
    if (d.equals(BigInteger.ONE)) {
      return new BigDecimal(num).divide(new BigDecimal(den)).stripTrailingZeros().toPlainString();
    }
    return num + "/" + den;
  }
}
