package dev.shopset.gitpusher.domain;

import dev.shopset.contracts.events.PinRequested;

/**
 * The submodules of a system branch that follow {@code source} are to point at {@code head}; only
 * forward along the source branch's history unless {@code rollback} (an explicit rollback).
 */
public record PinMove(SourceRef source, String previousHead, String head, boolean rollback) {

  public static PinMove of(PinRequested request) {
    return new PinMove(
        new SourceRef(request.repository(), request.sourceBranch()),
        request.previousHead(),
        request.head(),
        request.rollback());
  }
}
