package org.aidmp.clean;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.aidmp.data.Record;
import org.aidmp.data.Schema;

/**
 * Trims white space and normalises the case of text columns.
 *
 * <pre>{@code
 * NormalizeText emails = NormalizeText.builder()
 *     .setColumns("email")
 *     .setWhitespace(NormalizeText.Whitespace.TRIM)
 *     .setCase(NormalizeText.TextCase.LOWER)
 *     .get();
 * }</pre>
 *
 * <p>With no columns set it works on every {@code STRING} and {@code CATEGORY} column. Case is
 * changed with {@link Locale#ROOT}, so the result does not depend on the machine's locale. For a
 * different case per column, add one {@code NormalizeText} per group of columns.
 */
final class NormalizeText implements Cleaner {
  /** What to do with white space ({@link Character#isWhitespace}). */
  public enum Whitespace {
    /** Leave it. */
    KEEP,
    /** Remove leading and trailing white space. */
    TRIM,
    /** Trim, and turn every inner run of white space into one space. */
    TRIM_AND_COLLAPSE
  }

  /** What to do with letter case. */
  public enum TextCase {
    /** Leave it. */
    KEEP,
    /** Lower case. */
    LOWER,
    /** Upper case. */
    UPPER
  }

  /** Trims all text columns and keeps their case. */
  public static final NormalizeText DEFAULT = builder().get();

  private final String name;
  private final List<String> columns;
  private final Whitespace whitespace;
  private final TextCase textCase;

  private NormalizeText(Builder b) {
    this.name = b.name;
    this.columns = b.columns;
    this.whitespace = b.whitespace;
    this.textCase = b.textCase;
    if (whitespace == Whitespace.KEEP && textCase == TextCase.KEEP) {
      throw new IllegalArgumentException(
          "whitespace and case are both KEEP, so this cleaner would do nothing; set one of them");
    }
  }

  /** A builder with the defaults: all text columns, {@code TRIM}, case {@code KEEP}. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder that starts from this configuration. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.name = name;
    b.columns = columns;
    b.whitespace = whitespace;
    b.textCase = textCase;
    return b;
  }

  /** The columns it works on; empty means every text column. */
  public List<String> columns() {
    return columns;
  }

  /** The white-space rule. */
  public Whitespace whitespace() {
    return whitespace;
  }

  /** The case rule. */
  public TextCase textCase() {
    return textCase;
  }

  @Override
  public String name() {
    return name;
  }

  /** Cleans one record, binding to its schema first; a pipeline binds once per pass instead. */
  @Override
  public Record clean(Record record) {
    return bind(record.schema()).clean(record);
  }

  @Override
  public Cleaner bind(Schema input) {
    int[] idx = Columns.textColumns(input, columns, name);
    return new Bound(idx);
  }

  /** Normalises one value; returns {@code s} itself when nothing changes. */
  String normalize(String s) {
    String out = s;
    if (whitespace != Whitespace.KEEP) {
      out = out.strip();
      if (whitespace == Whitespace.TRIM_AND_COLLAPSE) {
        out = collapse(out);
      }
    }
    if (textCase == TextCase.LOWER) {
      out = out.toLowerCase(Locale.ROOT);
    } else if (textCase == TextCase.UPPER) {
      out = out.toUpperCase(Locale.ROOT);
    }
    // strip and the case methods return their receiver when nothing changes; keep the original
    // instance in every unchanged case so that the caller can tell by identity.
    return out.equals(s) ? s : out;
  }

  private static String collapse(String s) {
    int n = s.length();
    int i = 0;
    // Look for the first place that needs work: a white-space char that is not a lone space.
    for (; i < n; i++) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c)
          && (c != ' ' || (i + 1 < n && Character.isWhitespace(s.charAt(i + 1))))) {
        break;
      }
    }
    if (i == n) {
      return s;
    }
    StringBuilder sb = new StringBuilder(n).append(s, 0, i);
    boolean inSpace = false;
    for (; i < n; i++) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c)) {
        if (!inSpace) {
          sb.append(' ');
          inSpace = true;
        }
      } else {
        sb.append(c);
        inSpace = false;
      }
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return "NormalizeText["
        + name
        + ", columns="
        + (columns.isEmpty() ? "all text" : columns)
        + ", whitespace="
        + whitespace
        + ", case="
        + textCase
        + "]";
  }

  private final class Bound implements Cleaner {
    private final int[] idx;

    Bound(int[] idx) {
      this.idx = idx;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public Record clean(Record r) {
      Object[] out = null;
      for (int i : idx) {
        if (r.get(i) instanceof String s) {
          String n = normalize(s);
          if (n != s) {
            if (out == null) {
              out = r.values();
            }
            out[i] = n;
          }
        }
      }
      return out == null ? r : r.reshape(r.schema(), out);
    }
  }

  /** Builds a {@link NormalizeText}; {@link #get()} never changes the builder. */
  public static final class Builder {
    private String name = "normalize-text";
    private List<String> columns = List.of();
    private Whitespace whitespace = Whitespace.TRIM;
    private TextCase textCase = TextCase.KEEP;

    private Builder() {}

    /** The rule's name in reports; default {@code "normalize-text"}. */
    public Builder setName(String name) {
      this.name = CleaningNames.check(name);
      return this;
    }

    /** The columns to normalise; none (the default) means every text column. */
    public Builder setColumns(String... columns) {
      this.columns = Columns.checkNames(columns);
      return this;
    }

    /** The white-space rule; default {@link Whitespace#TRIM}. */
    public Builder setWhitespace(Whitespace whitespace) {
      this.whitespace = Objects.requireNonNull(whitespace, "whitespace");
      return this;
    }

    /** The case rule; default {@link TextCase#KEEP}. */
    public Builder setCase(TextCase textCase) {
      this.textCase = Objects.requireNonNull(textCase, "textCase");
      return this;
    }

    /** The configured cleaner. */
    public NormalizeText get() {
      return new NormalizeText(this);
    }
  }
}
