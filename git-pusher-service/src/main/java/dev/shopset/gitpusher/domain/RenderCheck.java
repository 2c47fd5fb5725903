package dev.shopset.gitpusher.domain;

import dev.shopset.contracts.events.RenderEvent;
import dev.shopset.contracts.events.RenderResult;
import dev.shopset.contracts.resources.Names;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a render event may touch in the system repository: its own ShopSet's directory and
 * Application file, and submodules under {@code base} or {@code config/}. A record asking for more
 * (another directory, {@code .gitmodules}, a path with {@code ..}) is refused whole, before any of
 * it reaches git.
 */
public final class RenderCheck {

  private static final Pattern SUBMODULE = Pattern.compile("^(base|config/[a-z0-9][-a-z0-9.]*)$");

  private RenderCheck() {}

  /** Why {@code event} must not be applied, or empty when it may. */
  public static Optional<String> problem(RenderEvent event) {
    if (!Names.isLabel(event.namespace()) || !Names.isLabel(event.name())) {
      return Optional.of(
          "namespace and name must be DNS-1123 labels: " + event.namespace() + "/" + event.name());
    }
    String directory = RenderEvent.directoryOf(event.namespace(), event.name());
    if (!directory.equals(event.directory())) {
      return Optional.of("directory must be " + directory + ", not " + event.directory());
    }
    String application = RenderEvent.applicationFileOf(event.namespace(), event.name());
    if (!application.equals(event.applicationFile())) {
      return Optional.of(
          "applicationFile must be " + application + ", not " + event.applicationFile());
    }
    if (event instanceof RenderResult result) {
      for (String path : result.files().keySet()) {
        boolean inside = path.startsWith(directory + "/") || path.equals(application);
        if (!inside || !clean(path)) {
          return Optional.of("file " + path + " is outside " + directory);
        }
      }
      for (RenderResult.Submodule submodule : result.submodules()) {
        if (!SUBMODULE.matcher(submodule.path()).matches() || !clean(submodule.path())) {
          return Optional.of(
              "submodule path " + submodule.path() + " is neither base nor config/<name>");
        }
      }
    }
    return Optional.empty();
  }

  private static boolean clean(String path) {
    for (String segment : path.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        return false;
      }
    }
    return !path.contains("\\");
  }
}
