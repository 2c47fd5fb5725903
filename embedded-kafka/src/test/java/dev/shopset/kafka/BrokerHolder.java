package dev.shopset.kafka;

/** A process that starts a broker, prints the broker's pid and waits to be killed. */
public final class BrokerHolder {
  private BrokerHolder() {}

  public static void main(String[] args) throws InterruptedException {
    EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(EmbeddedKafkaBroker.Settings.defaults());
    System.out.println("broker-pid=" + broker.pid());
    System.out.flush();
    Thread.currentThread().join();
  }
}
