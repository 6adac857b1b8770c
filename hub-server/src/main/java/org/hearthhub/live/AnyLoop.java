package org.hearthhub.live;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of a {@link LoopConfined} store that is safe from any event loop: it touches only
 * concurrent structures and is atomic on its own (one key at a time). {@link LoopConfined} runs it on the
 * caller's loop instead of posting it to the owner, so the per-message path (rate count, append, read
 * back, look up) costs no hop between loops; everything that spans conversations stays on the owner.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface AnyLoop {
}
