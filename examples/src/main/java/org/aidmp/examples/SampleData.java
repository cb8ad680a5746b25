package org.aidmp.examples;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.SplittableRandom;

/**
 * Generates a realistic synthetic e-commerce data set: users with dirty attributes and a stream of
 * view / click / cart / purchase events over items in categories, with behavioural groups planted
 * so that segmentation has something true to find.
 *
 * <pre>{@code
 * SampleData.Files files = SampleData.builder().setUsers(50_000).setEvents(1_000_000).get()
 *     .writeTo(Path.of("target/sample"));
 * }</pre>
 *
 * <p>The attributes file is deliberately dirty: exact duplicate rows, stray digits in names, ages
 * written as text or out of range, country synonyms, stray whitespace and missing fields. The
 * events file has a small share of broken rows: unknown event types, unparseable timestamps,
 * negative amounts and rows with a field missing.
 */
public final class SampleData {
  /** The planted behavioural groups: what share of users, and how they behave. */
  enum Group {
    BARGAIN_HUNTERS(0.30, new double[] {0.80, 0.15, 0.04, 0.01}, 12, 40, "electronics", 25),
    LOYAL_FASHION(0.20, new double[] {0.50, 0.20, 0.15, 0.15}, 30, 5, "fashion", 60),
    HOME_SPENDERS(0.10, new double[] {0.45, 0.20, 0.15, 0.20}, 20, 10, "home", 240),
    WINDOW_SHOPPERS(0.25, new double[] {0.95, 0.05, 0.0, 0.0}, 8, 20, "books", 15),
    LAPSED(0.15, new double[] {0.70, 0.15, 0.10, 0.05}, 6, 300, "sports", 45);

    final double share;
    final double[] typeMix;
    final int meanEvents;
    final int recencyDays;
    final String favourite;
    final double basketMean;

    Group(
        double share,
        double[] typeMix,
        int meanEvents,
        int recencyDays,
        String favourite,
        double basketMean) {
      this.share = share;
      this.typeMix = typeMix;
      this.meanEvents = meanEvents;
      this.recencyDays = recencyDays;
      this.favourite = favourite;
      this.basketMean = basketMean;
    }
  }

  static final String[] EVENT_TYPES = {"view", "click", "cart", "purchase"};
  static final String[] CATEGORIES = {
    "electronics", "fashion", "home", "books", "sports", "beauty", "toys", "garden"
  };
  private static final String[] FIRST = {
    "Anna", "Ben", "Chloe", "David", "Emma", "Farid", "Grace", "Hugo", "Ines", "Jonas", "Kira",
    "Liam", "Maya", "Noah", "Olga", "Pablo", "Qing", "Rosa", "Sven", "Tara", "Umar", "Vera"
  };
  private static final String[] LAST = {
    "Smith",
    "Garcia",
    "Müller",
    "Rossi",
    "Dubois",
    "Kowalski",
    "Novak",
    "Silva",
    "Jensen",
    "Tanaka",
    "Okafor",
    "Larsen",
    "Costa",
    "Meyer",
    "Ivanova",
    "Haddad"
  };

  /** Each country with the synonyms a dirty CRM export would hold for it. */
  private static final String[][] COUNTRIES = {
    {"United States", "US", "usa", "U.S.", "united states"},
    {"Germany", "DE", "germany", "Deutschland"},
    {"France", "FR", "france"},
    {"United Kingdom", "UK", "GB", "united kingdom", "Great Britain"},
    {"Spain", "ES", "spain", "España"}
  };

  private static final String[] AGE_WORDS = {
    "eighteen", "twenty", "twenty-five", "thirty", "forty", "fifty", "sixty"
  };
  private static final int ITEMS_PER_CATEGORY = 250;

  private final int users;
  private final int events;
  private final long seed;
  private final Instant asOf;

  private SampleData(Builder b) {
    if ((long) b.users * 2 > b.events) {
      throw new IllegalArgumentException(
          "events ("
              + b.events
              + ") must be at least twice users ("
              + b.users
              + ") so that every user has some history; raise events or lower users");
    }
    this.users = b.users;
    this.events = b.events;
    this.seed = b.seed;
    this.asOf = b.asOf;
  }

  /** A builder with the quickstart's defaults: 50,000 users, 1,000,000 events, seed 42. */
  public static Builder builder() {
    return new Builder();
  }

  /** The number of users. */
  public int users() {
    return users;
  }

  /** The number of event rows written, broken rows included. */
  public int events() {
    return events;
  }

  /** The time the data set ends: the "now" of the generated history. */
  public Instant asOf() {
    return asOf;
  }

  /** The files written by {@link #writeTo(Path)}. */
  public record Written(Path users, Path events) {}

  /**
   * Writes {@code users.csv} and {@code events.csv} into {@code folder} (created if absent).
   *
   * @throws UncheckedIOException if a file cannot be written
   */
  public Written writeTo(Path folder) {
    try {
      Files.createDirectories(folder);
      SplittableRandom root = new SplittableRandom(seed);
      Group[] groupOf = assignGroups(root.split());
      Path u = folder.resolve("users.csv");
      Path e = folder.resolve("events.csv");
      writeUsers(u, groupOf, root.split());
      writeEvents(e, groupOf, root.split());
      return new Written(u, e);
    } catch (IOException ex) {
      throw new UncheckedIOException("cannot write sample data to " + folder, ex);
    }
  }

  /** The planted group of every user, by index; user i has id {@code userId(i)}. */
  Group[] assignGroups(SplittableRandom rnd) {
    Group[] all = Group.values();
    Group[] out = new Group[users];
    for (int i = 0; i < users; i++) {
      double r = rnd.nextDouble();
      int g = 0;
      while (g < all.length - 1 && r >= all[g].share) {
        r -= all[g].share;
        g++;
      }
      out[i] = all[g];
    }
    return out;
  }

  static String userId(int i) {
    return String.format("u%06d", i);
  }

  private void writeUsers(Path path, Group[] groupOf, SplittableRandom rnd) throws IOException {
    try (BufferedWriter w = Files.newBufferedWriter(path, StandardCharsets.UTF_8)) {
      w.write("user_id,name,age,country,gender,consent,signup_date\n");
      for (int i = 0; i < users; i++) {
        String row = userRow(i, groupOf[i], rnd);
        w.write(row);
        // About 2% of rows are exported twice, as CRM exports often are.
        if (rnd.nextDouble() < 0.02) {
          w.write(row);
        }
      }
    }
  }

  private String userRow(int i, Group g, SplittableRandom rnd) {
    String name = FIRST[rnd.nextInt(FIRST.length)] + " " + LAST[rnd.nextInt(LAST.length)];
    if (rnd.nextDouble() < 0.03) {
      // A stray digit typed into the name.
      int at = 1 + rnd.nextInt(name.length() - 1);
      name = name.substring(0, at) + rnd.nextInt(10) + name.substring(at);
    }
    if (rnd.nextDouble() < 0.05) {
      name = "  " + name + " ";
    }
    int baseAge =
        switch (g) {
          case LOYAL_FASHION -> 28;
          case HOME_SPENDERS -> 45;
          case LAPSED -> 38;
          default -> 33;
        };
    int age = Math.max(16, Math.min(90, (int) Math.round(baseAge + rnd.nextGaussian() * 9)));
    String ageText;
    double a = rnd.nextDouble();
    if (a < 0.04) {
      ageText = "";
    } else if (a < 0.07) {
      ageText = AGE_WORDS[rnd.nextInt(AGE_WORDS.length)];
    } else if (a < 0.09) {
      ageText = " " + age + " years";
    } else if (a < 0.095) {
      ageText = String.valueOf(150 + rnd.nextInt(800));
    } else {
      ageText = String.valueOf(age);
    }
    String[] country = COUNTRIES[rnd.nextInt(COUNTRIES.length)];
    String countryText = rnd.nextDouble() < 0.03 ? "" : country[rnd.nextInt(country.length)];
    String gender =
        switch (rnd.nextInt(10)) {
          case 0 -> "";
          case 1, 2, 3, 4 -> rnd.nextBoolean() ? "F" : "female";
          default -> rnd.nextBoolean() ? "M" : "male";
        };
    String consent = rnd.nextDouble() < 0.08 ? "no" : (rnd.nextBoolean() ? "yes" : "Y");
    String signup =
        asOf.minus(30 + rnd.nextInt(1500), ChronoUnit.DAYS)
            .truncatedTo(ChronoUnit.DAYS)
            .toString()
            .substring(0, 10);
    return userId(i)
        + ","
        + csv(name)
        + ","
        + csv(ageText)
        + ","
        + csv(countryText)
        + ","
        + gender
        + ","
        + consent
        + ","
        + signup
        + "\n";
  }

  private static String csv(String s) {
    if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0) {
      return '"' + s.replace("\"", "\"\"") + '"';
    }
    return s;
  }

  private void writeEvents(Path path, Group[] groupOf, SplittableRandom rnd) throws IOException {
    // Each user gets a share of the events proportional to a noisy group mean; shares are cut
    // from the running total so that the file has exactly `events` rows.
    double[] weight = new double[users];
    double total = 0;
    for (int i = 0; i < users; i++) {
      weight[i] = groupOf[i].meanEvents * (0.5 + rnd.nextDouble());
      total += weight[i];
    }
    long asOfMillis = asOf.toEpochMilli();
    long day = 86_400_000L;
    StringBuilder sb = new StringBuilder(96);
    int written = 0;
    try (BufferedWriter w = Files.newBufferedWriter(path, StandardCharsets.UTF_8)) {
      w.write("user_id,timestamp,event_type,item_id,category,amount\n");
      double cumulative = 0;
      for (int i = 0; i < users; i++) {
        Group g = groupOf[i];
        cumulative += weight[i];
        int n = (int) Math.round(cumulative / total * events) - written;
        String uid = userId(i);
        // Activity spans from last-seen back over up to 180 days.
        long lastSeen = asOfMillis - (long) (rnd.nextDouble() * g.recencyDays * day);
        long span = (long) (30 + rnd.nextInt(150)) * day;
        for (int j = 0; j < n; j++) {
          long ts = lastSeen - (long) (rnd.nextDouble() * span);
          String type = pick(EVENT_TYPES, g.typeMix, rnd);
          String category =
              rnd.nextDouble() < 0.6 ? g.favourite : CATEGORIES[rnd.nextInt(CATEGORIES.length)];
          int item = rnd.nextInt(ITEMS_PER_CATEGORY);
          String amount = "";
          if (type.equals("purchase")) {
            double v = Math.max(1, g.basketMean * Math.exp(rnd.nextGaussian() * 0.5 - 0.125));
            amount = String.format(java.util.Locale.ROOT, "%.2f", v);
          }
          sb.setLength(0);
          sb.append(uid)
              .append(',')
              .append(Instant.ofEpochMilli(ts))
              .append(',')
              .append(type)
              .append(',')
              .append(category, 0, 3)
              .append('-')
              .append(item)
              .append(',')
              .append(category)
              .append(',')
              .append(amount);
          corrupt(sb, rnd);
          w.append(sb).append('\n');
          written++;
        }
      }
    }
  }

  /** Breaks about one row in a thousand, in the ways real event feeds break. */
  private static void corrupt(StringBuilder row, SplittableRandom rnd) {
    if (rnd.nextInt(1000) != 0) {
      return;
    }
    int firstComma = row.indexOf(",");
    int secondComma = row.indexOf(",", firstComma + 1);
    switch (rnd.nextInt(4)) {
      case 0 -> row.replace(firstComma + 1, secondComma, "yesterday");
      case 1 -> {
        int third = row.indexOf(",", secondComma + 1);
        row.replace(secondComma + 1, third, "hover");
      }
      case 2 -> row.setLength(row.lastIndexOf(","));
      // A negative amount: a refund booked as a purchase.
      default ->
          row.insert(row.lastIndexOf(",") + 1, row.charAt(row.length() - 1) == ',' ? "-5.00" : "-");
    }
  }

  private static String pick(String[] values, double[] probs, SplittableRandom rnd) {
    double r = rnd.nextDouble();
    for (int i = 0; i < probs.length - 1; i++) {
      if (r < probs[i]) {
        return values[i];
      }
      r -= probs[i];
    }
    return values[probs.length - 1];
  }

  /** Options for {@link SampleData}. */
  public static final class Builder {
    private int users = 50_000;
    private int events = 1_000_000;
    private long seed = 42;
    private Instant asOf = Instant.parse("2026-11-01T00:00:00Z");

    private Builder() {}

    /** The number of users (at least 1). */
    public Builder setUsers(int users) {
      if (users < 1) {
        throw new IllegalArgumentException("users (" + users + ") must be at least 1");
      }
      this.users = users;
      return this;
    }

    /** The number of event rows (at least twice the users). */
    public Builder setEvents(int events) {
      if (events < 2) {
        throw new IllegalArgumentException("events (" + events + ") must be at least 2");
      }
      this.events = events;
      return this;
    }

    /** The seed; the same seed writes the same files. */
    public Builder setSeed(long seed) {
      this.seed = seed;
      return this;
    }

    /** The end of the generated history. */
    public Builder setAsOf(Instant asOf) {
      this.asOf = java.util.Objects.requireNonNull(asOf, "asOf");
      return this;
    }

    /** The configured generator. */
    public SampleData get() {
      return new SampleData(this);
    }
  }
}
