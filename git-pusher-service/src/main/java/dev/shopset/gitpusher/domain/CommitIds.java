package dev.shopset.gitpusher.domain;

import java.util.regex.Pattern;

/** Commit ids this service accepts: SHA-1, 40 hex digits (SHA-256 repositories are not used). */
public final class CommitIds {

  private static final Pattern SHA1 = Pattern.compile("^[0-9a-fA-F]{40}$");

  private CommitIds() {}

  public static boolean isSha1(String id) {
    return id != null && SHA1.matcher(id).matches();
  }

  /** Why {@code id} is not a commit id this service can pin, or null. */
  public static String problem(String what, String id) {
    return isSha1(id)
        ? null
        : what
            + " '"
            + (id == null ? "" : id.length() > 80 ? id.substring(0, 80) + "…" : id)
            + "' is not a 40-hex SHA-1 commit id (SHA-256 repositories are not supported)";
  }
}
