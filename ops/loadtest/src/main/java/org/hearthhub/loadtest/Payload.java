package org.hearthhub.loadtest;

/**
 * The text of a test message: {@code t=<send nanoTime> k=<chat> n=<number>} padded to a chat-like
 * length. Sender and receiver live in this one process, so their {@link System#nanoTime()} readings
 * are comparable; the hub only ever sees opaque text.
 */
final class Payload {
    private Payload() {
    }

    record Parsed(long sentNanos, int chat, int number) {
    }

    static String text(int chat, int number, long sentNanos, int length) {
        StringBuilder b = new StringBuilder(length).append("t=").append(sentNanos).append(" k=").append(chat)
                .append(" n=").append(number).append(' ');
        while (b.length() < length) b.append('x');
        return b.toString();
    }

    /** Null when the text is not one of ours. */
    static Parsed parse(String text) {
        if (text == null || !text.startsWith("t=")) return null;
        try {
            int k = text.indexOf(" k=");
            int n = text.indexOf(" n=", k + 3);
            int end = text.indexOf(' ', n + 3);
            return new Parsed(Long.parseLong(text, 2, k, 10), Integer.parseInt(text, k + 3, n, 10),
                    Integer.parseInt(text, n + 3, end < 0 ? text.length() : end, 10));
        } catch (RuntimeException e) {
            return null;
        }
    }
}
