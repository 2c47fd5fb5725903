package dev.shopset.gitpusher.domain;

import java.util.Locale;
import java.util.regex.Pattern;

/** Compares repository URLs and strips credentials from them. */
public final class RepositoryUrls {

  private static final Pattern USERINFO = Pattern.compile("(?<=://)[^/@\\s]+@");

  private RepositoryUrls() {}

  /** The text with every {@code user:secret@} of a URL removed. */
  public static String scrub(String text) {
    return text == null ? null : USERINFO.matcher(text).replaceAll("");
  }

  /** A form in which equal repositories compare equal: no scheme, userinfo, ".git" or slash. */
  public static String normalize(String url) {
    String u = scrub(url.trim());
    int scheme = u.indexOf("://");
    if (scheme >= 0) {
      u = u.substring(scheme + 3);
    }
    while (u.endsWith("/")) {
      u = u.substring(0, u.length() - 1);
    }
    if (u.endsWith(".git")) {
      u = u.substring(0, u.length() - 4);
    }
    int slash = u.indexOf('/');
    String host = slash < 0 ? u : u.substring(0, slash);
    return host.toLowerCase(Locale.ROOT) + (slash < 0 ? "" : u.substring(slash));
  }

  /** True when both name the same repository. */
  public static boolean same(String a, String b) {
    return normalize(a).equals(normalize(b));
  }
}
