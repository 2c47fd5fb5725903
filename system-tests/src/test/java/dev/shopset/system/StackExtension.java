package dev.shopset.system;

import java.nio.file.Path;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts the {@link Stack} once for every test class of the run and stops it when the run ends
 * (JUnit closes root-store resources), or when the JVM exits, whichever comes first.
 */
final class StackExtension implements BeforeAllCallback {

  private static Stack stack;

  @Override
  public void beforeAll(ExtensionContext context) {
    stack(context);
  }

  /** The running stack; starts it on first use. */
  static synchronized Stack stack(ExtensionContext context) {
    if (stack == null) {
      Path module = Path.of("").toAbsolutePath();
      Stack started = Stack.start(module.getParent(), module.resolve("target/stack"));
      Runtime.getRuntime().addShutdownHook(new Thread(started::close, "system-tests-stop"));
      context
          .getRoot()
          .getStore(ExtensionContext.Namespace.GLOBAL)
          .put("shopset-stack", (ExtensionContext.Store.CloseableResource) started::close);
      stack = started;
    }
    return stack;
  }

  /** The stack started by {@link #beforeAll}. */
  static synchronized Stack stack() {
    if (stack == null) {
      throw new IllegalStateException("Annotate the test class with @ExtendWith(StackExtension)");
    }
    return stack;
  }
}
