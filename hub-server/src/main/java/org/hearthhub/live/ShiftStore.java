package org.hearthhub.live;

import io.vertx.core.Future;
import org.hearthhub.model.Shift;

import java.util.List;

/** Who is on shift, on any node. */
public interface ShiftStore {

    Future<Void> putShift(Shift shift);

    Future<Void> removeShift(String username);

    Future<List<Shift>> shifts();
}
