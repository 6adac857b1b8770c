package org.hearthhub.abuse;

import org.hearthhub.loadtest.Tally;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Compressed frames that inflate past every limit: each of {@code bombFrames} survivor sockets sends
 * one permessage-deflate text frame small enough on the wire for the hub's 64 KiB frame cap
 * (60 MiB of one letter deflates to ~61 KB) — all at once.
 */
final class CompressionBomb extends Attack {
    CompressionBomb() {
        super("bomb");
    }

    @Override
    String what(Scale scale) {
        return scale.bombFrames() + " sockets at once, each one deflated frame of " + Results.mib(scale.bombInflatedBytes());
    }

    @Override
    void run(Run run) throws Exception {
        byte[] bomb = DeflateSocket.bomb(run.scale().bombInflatedBytes());
        run.results().add("frame on the wire → inflated", Results.kb(bomb.length) + " → " + Results.mib(run.scale().bombInflatedBytes()));
        ExecutorService senders = Executors.newFixedThreadPool(run.scale().bombFrames());
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < run.scale().bombFrames(); i++) {
                answers.add(senders.submit(() -> DeflateSocket.send(Side.ATTACKER, run.hub().url(), bomb, run.scale().bombWaitSeconds() * 1000)));
            }
            Tally tally = new Tally();
            for (Future<String> a : answers) tally.add(a.get());
            run.results().add("hub's answers to the frames", Results.counts(tally));
        } finally {
            senders.shutdownNow();
        }
    }
}
