package org.hearthhub.live;

/** Sizes of the live state, for metrics and the public status: {@code live} counts queued and active. */
public record LiveCounts(int queued, int live) {
}
