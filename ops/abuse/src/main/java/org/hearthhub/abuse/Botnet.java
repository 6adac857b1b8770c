package org.hearthhub.abuse;

import io.vertx.core.Vertx;

import java.util.ArrayList;
import java.util.List;

/**
 * Many attackers at once, as a botnet is: one {@link Side} on each of {@value #FIRST}, 127.0.1.2 … (loopback takes
 * every address in 127.0.0.0/8), so the hub, listening on 127.0.0.1 with no proxy before it, sees each as a source of
 * its own and gives each its own per-source allowances.
 */
final class Botnet implements AutoCloseable {
    static final String FIRST = "127.0.1.1";
    private static final String PREFIX = "127.0.1.";
    /** 127.0.1.1 to 127.0.1.254: one /24, clear of the attacker's and the genuine side's addresses. */
    static final int MAX_SIZE = 254;

    private final List<Side> sides = new ArrayList<>();

    Botnet(Vertx vertx, int size) {
        if (size < 1 || size > MAX_SIZE) {
            throw new IllegalArgumentException("a botnet has 1 to " + MAX_SIZE + " addresses, not " + size);
        }
        for (int i = 1; i <= size; i++) sides.add(new Side(vertx, PREFIX + i));
    }

    int size() {
        return sides.size();
    }

    /** The {@code i}-th attacker, round the addresses: {@code i} may be any number of tries. */
    Side side(int i) {
        return sides.get(Math.floorMod(i, sides.size()));
    }

    /** The addresses, as the tables name them: {@code 127.0.1.1–127.0.1.60}. */
    String addresses() {
        return FIRST + (sides.size() == 1 ? "" : "–" + sides.get(sides.size() - 1).address);
    }

    @Override
    public void close() {
        sides.forEach(Side::close);
    }
}
