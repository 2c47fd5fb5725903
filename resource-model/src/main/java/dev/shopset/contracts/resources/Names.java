package dev.shopset.contracts.resources;

import java.util.regex.Pattern;

/** The name rules the API server enforces, for code that checks names outside it. */
public final class Names {

  /** A DNS-1123 label: lower case alphanumerics and '-', starting and ending alphanumeric. */
  public static final String DNS1123_LABEL = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";

  /** A DNS-1123 subdomain: labels joined by '.'. */
  public static final String DNS1123_SUBDOMAIN =
      "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";

  private static final Pattern LABEL = Pattern.compile(DNS1123_LABEL);
  private static final Pattern SUBDOMAIN = Pattern.compile(DNS1123_SUBDOMAIN);

  private Names() {}

  public static boolean isLabel(String value) {
    return value != null && value.length() <= 63 && LABEL.matcher(value).matches();
  }

  public static boolean isSubdomain(String value) {
    return value != null && value.length() <= 253 && SUBDOMAIN.matcher(value).matches();
  }
}
