package dev.shopset.renderer.domain;

import dev.shopset.contracts.events.DesiredStateEvent;
import dev.shopset.contracts.events.RenderEvent;
import dev.shopset.contracts.events.RenderRemoval;
import dev.shopset.contracts.events.RenderResult;
import dev.shopset.contracts.events.ShopSetDeleted;
import dev.shopset.contracts.events.ShopSetDesired;
import dev.shopset.contracts.events.ShopSetMoved;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Turns a ShopSet's desired state into its complete file set in the system repository (overlay,
 * Argo CD Application and its Tier's AppProject), a tier move into the parked Application on the
 * branch it leaves, or a deletion into the removal of its files. Pure and deterministic: equal
 * input gives byte-identical output.
 */
public final class ShopSetRenderer {

  private final RenderSettings settings;

  public ShopSetRenderer(RenderSettings settings) {
    this.settings = settings;
  }

  /** Renders any kind of desired-state event. */
  public RenderEvent render(DesiredStateEvent event) {
    return switch (event) {
      case ShopSetDesired desired -> render(desired);
      case ShopSetMoved moved -> park(moved);
      case ShopSetDeleted deleted -> remove(deleted);
    };
  }

  /**
   * The full file set of one ShopSet.
   *
   * @throws InvalidDesiredStateException when a field cannot be rendered safely
   */
  public RenderResult render(ShopSetDesired desired) {
    RenderInput in = RenderInput.of(desired);
    String directory = RenderEvent.directoryOf(in.namespace(), in.name());
    String applicationFile = RenderEvent.applicationFileOf(in.namespace(), in.name());
    SortedMap<String, String> files = new TreeMap<>();
    for (Map.Entry<String, String> file : OverlayRenderer.render(in).entrySet()) {
      files.put(directory + "/" + file.getKey(), file.getValue());
    }
    files.put(applicationFile, ApplicationRenderer.render(in, settings));
    ensureConfined(files, directory, applicationFile);
    List<RenderResult.Submodule> submodules =
        List.of(
            new RenderResult.Submodule(RenderEvent.BASE_SUBMODULE, in.appUrl(), in.branch()),
            new RenderResult.Submodule(
                RenderEvent.configSubmoduleOf(in.namespace(), in.configuration()),
                in.configUrl(),
                in.branch()));
    return new RenderResult(
        in.namespace(),
        in.name(),
        desired.generation(),
        in.systemUrl(),
        in.branch(),
        directory,
        applicationFile,
        files,
        submodules,
        new TreeMap<>(Map.of(RenderResult.PROJECT_FILE, ProjectRenderer.render(in, settings))));
  }

  /**
   * What a ShopSet leaves on the branch of the Tier it moved away from: only its parked Application
   * (so its overlay directory is emptied), no submodules, no shared files.
   *
   * @throws InvalidDesiredStateException when a name would point outside the ShopSet's own files
   */
  public RenderResult park(ShopSetMoved moved) {
    String namespace = Checks.label(moved.namespace(), "namespace");
    String name = Checks.shopSetName(moved.name(), "name");
    ApplicationRenderer.Parking parking =
        new ApplicationRenderer.Parking(
            namespace,
            name,
            Checks.label(moved.fromTier(), "fromTier"),
            Checks.label(moved.toTier(), "toTier"),
            Checks.url(moved.systemRepository(), "systemRepository"),
            Checks.branch(moved.branch(), "branch"));
    String directory = RenderEvent.directoryOf(namespace, name);
    String applicationFile = RenderEvent.applicationFileOf(namespace, name);
    SortedMap<String, String> files = new TreeMap<>();
    files.put(applicationFile, ApplicationRenderer.parked(parking, settings));
    ensureConfined(files, directory, applicationFile);
    return new RenderResult(
        namespace,
        name,
        moved.generation(),
        parking.systemUrl(),
        parking.branch(),
        directory,
        applicationFile,
        files,
        List.of(),
        new TreeMap<>());
  }

  /**
   * The removal of a deleted ShopSet's directory and Application.
   *
   * @throws InvalidDesiredStateException when a name would point outside the ShopSet's own files
   */
  public RenderRemoval remove(ShopSetDeleted deleted) {
    String namespace = Checks.label(deleted.namespace(), "namespace");
    String name = Checks.label(deleted.name(), "name");
    return new RenderRemoval(
        namespace,
        name,
        Checks.url(deleted.systemRepository(), "systemRepository"),
        Checks.branch(deleted.branch(), "branch"),
        RenderEvent.directoryOf(namespace, name),
        RenderEvent.applicationFileOf(namespace, name));
  }

  /** A last guard, independent of the field checks: no file outside the ShopSet's own paths. */
  private static void ensureConfined(
      Map<String, String> files, String directory, String applicationFile) {
    for (String path : files.keySet()) {
      boolean inside =
          path.equals(applicationFile)
              || (path.startsWith(directory + "/")
                  && path.indexOf('/', directory.length() + 1) < 0
                  && !path.endsWith("/.")
                  && !path.endsWith("/.."));
      if (!inside) {
        throw new IllegalStateException("Rendered path " + path + " is outside " + directory);
      }
    }
  }
}
