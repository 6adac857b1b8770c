package org.hearthhub.live;

public class QueueFullException extends RuntimeException {
    public QueueFullException() {
        super("the queue is full", null, false, false);
    }
}
