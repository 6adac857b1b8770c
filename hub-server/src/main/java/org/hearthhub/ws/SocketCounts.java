package org.hearthhub.ws;

import org.hearthhub.model.SocketSide;
import org.hearthhub.model.SurvivorSocketClosing;

/**
 * What the sockets report for the metrics: kinds and counts only, never who, which chat or what was said. Called on
 * the socket's event loop, so an implementation must be safe from every loop.
 */
public interface SocketCounts {
    /** A frame of type {@code error} was sent, with this wire code. */
    void errorSent(String code);

    /** A frame over a socket's flood budget was dropped, on this side. */
    void frameOverBudget(SocketSide side);

    /** A socket was cut off for not reading what it was sent. */
    void cutForNotReading(SocketSide side);

    /** A survivor socket was closed to guard its chat against a token used over and over. */
    void survivorSocketClosed(SurvivorSocketClosing why);

    /** A console was closed because its account opened more than {@code limits.consolesPerAccount}. */
    void consoleGaveWay();
}
