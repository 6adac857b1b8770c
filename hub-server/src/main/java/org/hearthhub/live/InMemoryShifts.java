package org.hearthhub.live;

import io.vertx.core.Future;
import org.hearthhub.model.Shift;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who is on shift in the in-memory store, in the order they came on; guarded by the store's lock. Ending a
 * shift only while its advocate holds nothing is the store's step, as it reads the conversations.
 */
final class InMemoryShifts {
    private final Object lock;
    private final Map<String, Shift> shifts = new LinkedHashMap<>();

    InMemoryShifts(Object lock) {
        this.lock = lock;
    }

    Future<Void> putShift(Shift shift) {
        synchronized (lock) {
            shifts.put(shift.username(), shift);
            return Future.succeededFuture();
        }
    }

    Future<List<Shift>> shifts() {
        synchronized (lock) {
            return Future.succeededFuture(new ArrayList<>(shifts.values()));
        }
    }

    // The steps below are parts of the store's steps that span its parts: callers hold the lock.

    boolean onShift(String username) {
        return shifts.containsKey(username);
    }

    void remove(String username) {
        shifts.remove(username);
    }
}
