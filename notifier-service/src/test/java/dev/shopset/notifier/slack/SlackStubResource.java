package dev.shopset.notifier.slack;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Points the notifier under test at the shared {@link SlackStub} with a valid token. */
public class SlackStubResource implements QuarkusTestResourceLifecycleManager {

  @Override
  public Map<String, String> start() {
    SlackStub stub = SlackStub.shared();
    return Map.of("notifier.slack.api-url", stub.apiUrl(), "notifier.slack.token", SlackStub.TOKEN);
  }

  @Override
  public void stop() {
    // Shared by the test classes of this JVM.
  }
}
