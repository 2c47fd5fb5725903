package dev.shopset.testkit.architecture.planted.cycle.a;

import dev.shopset.testkit.architecture.planted.cycle.b.B;

/** Planted: a needs b. */
public class A {
  public B b() {
    return new B();
  }
}
