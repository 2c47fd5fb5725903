package dev.shopset.testkit.architecture.planted.kafka;

/** Planted: an adapter class. */
public class Consumer {}
