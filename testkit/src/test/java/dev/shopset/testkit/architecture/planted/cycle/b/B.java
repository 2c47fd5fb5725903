package dev.shopset.testkit.architecture.planted.cycle.b;

import dev.shopset.testkit.architecture.planted.cycle.a.A;

/** Planted: b needs a, closing a cycle. */
public class B {
  public A a() {
    return new A();
  }
}
