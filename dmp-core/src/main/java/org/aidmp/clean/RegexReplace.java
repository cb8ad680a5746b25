package org.aidmp.clean;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.aidmp.data.Record;
import org.aidmp.data.Schema;

/**
 * Replaces every match of a regular expression in one text column.
 *
 * <pre>{@code
 * RegexReplace digitsOnly = RegexReplace.builder()
 *     .setColumn("phone")
 *     .setPattern("[^0-9+]")
 *     .setReplacement("")
 *     .get();
 * }</pre>
 *
 * <p>The replacement follows {@link Matcher#replaceAll(String)}: {@code $1} refers to a group, and
 * a literal {@code $} or {@code \} is escaped with a backslash. Values without a match are passed
 * on as they are, without a copy.
 */
final class RegexReplace implements Cleaner {
  private final String name;
  private final String column;
  private final Pattern pattern;
  private final String replacement;

  private RegexReplace(Builder b) {
    if (b.column == null) {
      throw new IllegalArgumentException("no column set; call setColumn(name)");
    }
    if (b.pattern == null) {
      throw new IllegalArgumentException("no pattern set; call setPattern(regex)");
    }
    this.column = b.column;
    this.pattern = b.pattern;
    this.replacement = b.replacement;
    this.name = b.name != null ? b.name : "regex-replace(" + column + ")";
    try {
      // Fails here, not on the first matching row, when the replacement names a missing group.
      pattern.matcher("").replaceAll(replacement);
      checkGroups(pattern, replacement);
    } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
      throw new IllegalArgumentException(
          "replacement \""
              + replacement
              + "\" does not fit pattern \""
              + pattern
              + "\" ("
              + e.getMessage()
              + "); escape $ and \\ with a backslash or fix the group number",
          e);
    }
  }

  private static void checkGroups(Pattern pattern, String replacement) {
    int groups = pattern.matcher("").groupCount();
    for (int i = 0; i < replacement.length(); i++) {
      char c = replacement.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '$'
          && i + 1 < replacement.length()
          && Character.isDigit(replacement.charAt(i + 1))) {
        int g = replacement.charAt(i + 1) - '0';
        if (g > groups) {
          throw new IllegalArgumentException(
              "group $" + g + " but the pattern has " + groups + " groups");
        }
      }
    }
  }

  /** A new builder; the column and pattern must be set, the replacement defaults to empty. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder that starts from this configuration. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.name = name;
    b.column = column;
    b.pattern = pattern;
    b.replacement = replacement;
    return b;
  }

  /** The column it works on. */
  public String column() {
    return column;
  }

  /** The compiled pattern. */
  public Pattern pattern() {
    return pattern;
  }

  /** The replacement text. */
  public String replacement() {
    return replacement;
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
    return new Bound(Columns.requireText(input, column, name));
  }

  @Override
  public String toString() {
    return "RegexReplace[" + name + ", pattern=" + pattern + ", replacement=" + replacement + "]";
  }

  private final class Bound implements Cleaner {
    private final int index;
    // One matcher per pass, reset for each value: a bound cleaner serves one thread.
    private final Matcher matcher = pattern.matcher("");

    Bound(int index) {
      this.index = index;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public Record clean(Record r) {
      if (!(r.get(index) instanceof String s)) {
        return r;
      }
      matcher.reset(s);
      if (!matcher.find()) {
        return r;
      }
      matcher.reset();
      String out = matcher.replaceAll(replacement);
      return out.equals(s) ? r : r.with(index, out);
    }
  }

  /** Builds a {@link RegexReplace}; {@link #get()} never changes the builder. */
  public static final class Builder {
    private String name;
    private String column;
    private Pattern pattern;
    private String replacement = "";

    private Builder() {}

    /** The rule's name in reports; default {@code "regex-replace(<column>)"}. */
    public Builder setName(String name) {
      this.name = CleaningNames.check(name);
      return this;
    }

    /** The text column to work on. */
    public Builder setColumn(String column) {
      this.column = Columns.checkName(column);
      return this;
    }

    /** The regular expression, compiled now so that a syntax error shows here. */
    public Builder setPattern(String regex) {
      Objects.requireNonNull(regex, "regex");
      try {
        return setPattern(Pattern.compile(regex));
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException(
            "pattern \""
                + regex
                + "\" is not a valid regular expression: "
                + e.getDescription()
                + " at index "
                + e.getIndex()
                + "; fix the pattern",
            e);
      }
    }

    /** The compiled regular expression. */
    public Builder setPattern(Pattern pattern) {
      Objects.requireNonNull(pattern, "pattern");
      if (pattern.pattern().isEmpty()) {
        throw new IllegalArgumentException(
            "the pattern is empty and would match between every character; give a pattern");
      }
      this.pattern = pattern;
      return this;
    }

    /** The replacement for each match; default empty (delete the matches). */
    public Builder setReplacement(String replacement) {
      this.replacement = Objects.requireNonNull(replacement, "replacement");
      return this;
    }

    /** The configured cleaner. */
    public RegexReplace get() {
      return new RegexReplace(this);
    }
  }
}
