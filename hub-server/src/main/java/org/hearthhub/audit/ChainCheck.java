package org.hearthhub.audit;

/** Result of checking an audit hash chain: intact, or the sequence number of the first entry that does not fit. */
public record ChainCheck(boolean intact, long firstBrokenSeq) {
    public static final ChainCheck INTACT = new ChainCheck(true, -1);

    public static ChainCheck brokenAt(long seq) {
        return new ChainCheck(false, seq);
    }
}
