package dev.shopset.k8s;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs an unpacked image the way a container runtime with a read-only root filesystem would, with
 * no container engine: in its own mount namespace ({@code unshare}), the root filesystem bound
 * read-only, {@code /proc} and the few devices a JVM opens mounted, a tmpfs at each writable path
 * (the Deployment's {@code emptyDir} volumes), then changed root to it, working directory and user
 * (uid:gid) of the image set, and its entrypoint executed with exactly the given environment. The
 * mounts live only in that namespace: they disappear with the process. Needs root (CI is).
 */
final class ChrootContainer implements AutoCloseable {

  private static final String SETUP =
      """
      set -e
      root=$1 workdir=$2 uid=$3 gid=$4 writable=$5
      shift 5
      /bin/mount --make-rprivate /
      /bin/mount --bind "$root" "$root"
      /bin/mount -o remount,bind,ro "$root"
      /bin/mount -t proc proc "$root/proc"
      /bin/mount -t tmpfs -o mode=755 tmpfs "$root/dev"
      for device in null zero full random urandom tty; do
        : > "$root/dev/$device"
        /bin/mount --bind "/dev/$device" "$root/dev/$device"
      done
      for file in hosts resolv.conf; do
        [ -e "/etc/$file" ] && /bin/mount --bind "/etc/$file" "$root/etc/$file"
      done
      for dir in $writable; do
        /bin/mount -t tmpfs -o "mode=1777" tmpfs "$root$dir"
      done
      exec /usr/bin/unshare --root="$root" --wd="$workdir" --setgid="$gid" --setuid="$uid" "$@"
      """;

  private final Process process;
  private final Path log;

  private ChrootContainer(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /**
   * Starts {@code entrypoint} in {@code root} as {@code user} ("uid:gid") in {@code workdir}, with
   * {@code environment} only; its output goes to {@code log}.
   */
  static ChrootContainer start(
      Path root,
      String user,
      String workdir,
      List<String> entrypoint,
      Map<String, String> environment,
      List<String> writableDirs,
      Path log)
      throws IOException {
    String[] ids = user.split(":");
    // The mount points of what the runtime provides exist before the root becomes read-only.
    for (String file : List.of("etc/hosts", "etc/resolv.conf")) {
      if (!Files.exists(root.resolve(file))) {
        Files.createFile(root.resolve(file));
      }
    }
    for (String dir : writableDirs) {
      Files.createDirectories(root.resolve(dir.substring(1)));
    }
    List<String> command =
        new ArrayList<>(
            List.of(
                "/usr/bin/unshare",
                "--mount",
                "/bin/sh",
                "-c",
                SETUP,
                "sh",
                root.toString(),
                workdir,
                ids[0],
                ids.length > 1 ? ids[1] : ids[0],
                String.join(" ", writableDirs)));
    command.addAll(entrypoint);
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
    builder.environment().clear();
    builder.environment().putAll(environment);
    return new ChrootContainer(builder.start(), log);
  }

  /** The container's main process (the JVM: every step before it replaced itself with exec). */
  Process process() {
    return process;
  }

  /** The last lines of its output, for failure messages. */
  String logTail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /** Stops it as Kubernetes would: SIGTERM, then SIGKILL after a grace period. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }
}
