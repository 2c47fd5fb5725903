package dev.shopset.gitpusher.domain;

import dev.shopset.contracts.events.RenderEvent;
import dev.shopset.contracts.events.RenderResult;
import dev.shopset.contracts.resources.Names;
import java.util.Locale;
import java.util.Optional;

/**
 * What a render event may touch in the system repository: its own ShopSet's directory ({@code
 * shopsets/<namespace>/<name>/}), its own Application file ({@code apps/<namespace>/<name>.yaml}),
 * the Tier's shared AppProject file, and the submodules {@code base} and {@code config/<its
 * namespace>/<configuration>}. A record asking for more (another directory, {@code .gitmodules},
 * another namespace's configuration, a path with {@code ..} or a {@code .git} segment) is refused
 * whole, before any of it reaches git: it can never succeed, so it is a dead letter, never retried.
 */
public final class RenderCheck {

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
        if (!inside) {
          return Optional.of("file " + path + " is outside " + directory);
        }
        Optional<String> unclean = unclean(path);
        if (unclean.isPresent()) {
          return Optional.of("file " + path + " " + unclean.get());
        }
      }
      for (String path : result.shared().keySet()) {
        if (!path.equals(RenderResult.PROJECT_FILE)) {
          return Optional.of(
              "shared file " + path + " is not the Tier's " + RenderResult.PROJECT_FILE);
        }
      }
      for (RenderResult.Submodule submodule : result.submodules()) {
        if (!allowedSubmodule(submodule.path(), event.namespace())) {
          return Optional.of(
              "submodule path "
                  + submodule.path()
                  + " is neither "
                  + RenderEvent.BASE_SUBMODULE
                  + " nor "
                  + RenderEvent.configSubmoduleOf(event.namespace(), "<configuration>"));
        }
      }
    }
    return Optional.empty();
  }

  /** {@code base}, or {@code config/<namespace>/<a DNS label>} of the render's own namespace. */
  private static boolean allowedSubmodule(String path, String namespace) {
    if (path.equals(RenderEvent.BASE_SUBMODULE)) {
      return true;
    }
    String prefix = RenderEvent.configSubmoduleOf(namespace, "");
    return path.startsWith(prefix) && Names.isLabel(path.substring(prefix.length()));
  }

  /** What makes a path one git refuses or one that climbs out, or empty. */
  static Optional<String> unclean(String path) {
    if (path.contains("\\")) {
      return Optional.of("contains a backslash");
    }
    for (String segment : path.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        return Optional.of("has an empty, '.' or '..' segment");
      }
      if (segment.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
        return Optional.of("has a control character");
      }
      if (isGitDirectory(segment)) {
        return Optional.of("has a .git segment, which git refuses");
      }
    }
    return Optional.empty();
  }

  /** {@code .git} in any spelling a file system may take for it (case, trailing dots, 8.3). */
  private static boolean isGitDirectory(String segment) {
    String s = segment.toLowerCase(Locale.ROOT);
    while (s.endsWith(".") || s.endsWith(" ")) {
      s = s.substring(0, s.length() - 1);
    }
    return s.equals(".git") || s.equals("git~1");
  }
}
