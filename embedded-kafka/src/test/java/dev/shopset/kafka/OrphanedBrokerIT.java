package dev.shopset.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A broker never outlives the JVM that started it, even one killed with SIGKILL. */
class OrphanedBrokerIT {

  @Test
  void brokerExitsWhenItsParentIsKilled() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process holder =
        new ProcessBuilder(
                List.of(
                    java,
                    "-cp",
                    System.getProperty("java.class.path"),
                    BrokerHolder.class.getName()))
            .redirectErrorStream(true)
            .start();
    long brokerPid = -1;
    try (var out =
        new BufferedReader(
            new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        if (line.startsWith("broker-pid=")) {
          brokerPid = Long.parseLong(line.substring("broker-pid=".length()));
          break;
        }
      }
      assertThat(brokerPid).as("the holder reported its broker's pid").isPositive();
      ProcessHandle broker = ProcessHandle.of(brokerPid).orElseThrow();
      assertThat(broker.isAlive()).isTrue();

      holder.destroyForcibly(); // SIGKILL: no shutdown hook runs

      broker.onExit().get(30, TimeUnit.SECONDS);
      assertThat(broker.isAlive()).isFalse();
    } finally {
      holder.destroyForcibly();
      if (brokerPid > 0) {
        ProcessHandle.of(brokerPid).ifPresent(ProcessHandle::destroyForcibly);
      }
    }
  }
}
