package dev.shopset.gitpusher.architecture.planted.kafka;

/** Planted: an adapter class. */
public class Consumer {}
