package org.aidmp.io.export;

import java.util.List;
import java.util.Objects;
import org.aidmp.privacy.KAnonymity;

/**
 * A named group of users to export: a segment, or a lookalike audience with a similarity score per
 * member.
 *
 * <pre>{@code
 * Audience vip = Audience.of("segment-3", List.of("u1", "u7", "u9"));
 * Audience look = new Audience("lookalike-vip", List.of(new Audience.Member("u4", 0.93)));
 * }</pre>
 *
 * @param name the group's name, written in every row
 * @param members the members, in export order; copied
 */
public record Audience(String name, List<Member> members) {
  /**
   * One member of an audience.
   *
   * @param userId the user's (possibly pseudonymised) identifier
   * @param score how strongly the user belongs (similarity, probability); NaN if none
   */
  public record Member(String userId, double score) {
    /** Checks the id. */
    public Member {
      Objects.requireNonNull(userId, "userId");
    }
  }

  /** Checks the arguments and copies the members. */
  public Audience {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("audience name is blank; name every group");
    }
    members = List.copyOf(members);
  }

  /** An audience without scores, such as a segment. */
  public static Audience of(String name, List<String> userIds) {
    return new Audience(name, userIds.stream().map(u -> new Member(u, Double.NaN)).toList());
  }

  /** The number of members listed, duplicates included. */
  public int size() {
    return members.size();
  }

  /**
   * The number of distinct users: what the minimum group size is checked against, so that a user
   * listed many times counts once.
   */
  public int distinctUsers() {
    return KAnonymity.distinct(members.stream().map(Member::userId).toList());
  }

  /** Names the group and its size, never its members. */
  @Override
  public String toString() {
    return "Audience[" + name + ", " + members.size() + " members]";
  }
}
