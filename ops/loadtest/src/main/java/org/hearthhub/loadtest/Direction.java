package org.hearthhub.loadtest;

/** Which way a chat message travels. */
enum Direction {
    TO_ADVOCATE("survivor→advocate"), TO_SURVIVOR("advocate→survivor");

    final String label;

    Direction(String label) {
        this.label = label;
    }
}
