package org.hearthhub.guard;

/**
 * Where a request came from, as the hub may remember it: two keyed hashes of the client address, under
 * the current key and the one before it (so a count survives one key rotation). Never the address itself.
 */
public record Source(String id, String previousId) {

    /** True when {@code other} is this source under the current or the previous key. */
    public boolean is(String other) {
        return id.equals(other) || (previousId != null && previousId.equals(other));
    }
}
