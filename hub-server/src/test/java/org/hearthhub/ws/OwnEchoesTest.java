package org.hearthhub.ws;

import org.hearthhub.model.ChatMessage;
import org.hearthhub.model.Sender;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OwnEchoesTest {
    private final OwnEchoes echoes = new OwnEchoes();

    private static ChatMessage echo(Sender from, String clientId) {
        return new ChatMessage(1, from, "hello", Instant.EPOCH, clientId, List.of());
    }

    @Test
    void theEchoOfAnAwaitedMessageIsAbsorbedOnce() {
        echoes.expect("c-1");
        assertTrue(echoes.absorbs(echo(Sender.ADVOCATE, "c-1")));
        assertFalse(echoes.absorbs(echo(Sender.ADVOCATE, "c-1")), "settled: a second echo is written");
    }

    @Test
    void onlyTheAdvocatesOwnAwaitedIdsAreAbsorbed() {
        echoes.expect("c-1");
        assertFalse(echoes.absorbs(echo(Sender.ADVOCATE, "c-2")));
        assertFalse(echoes.absorbs(echo(Sender.SURVIVOR, "c-1")), "a survivor's message with the same id is theirs");
        assertFalse(echoes.absorbs(echo(Sender.ADVOCATE, null)));
        assertTrue(echoes.absorbs(echo(Sender.ADVOCATE, "c-1")));
    }

    @Test
    void aForgottenSendIsNotAbsorbed() {
        echoes.expect("c-1");
        echoes.forget("c-1");
        assertFalse(echoes.absorbs(echo(Sender.ADVOCATE, "c-1")));
    }

    @Test
    void anIdExpectedTwiceIsAwaitedOnce() {
        echoes.expect("c-1");
        echoes.expect("c-1");
        assertTrue(echoes.absorbs(echo(Sender.ADVOCATE, "c-1")));
        assertFalse(echoes.absorbs(echo(Sender.ADVOCATE, "c-1")));
    }

    @Test
    void echoesThatNeverComeAreForgottenOldestFirst() {
        for (int i = 0; i <= OwnEchoes.MOST; i++) echoes.expect("c-" + i);
        assertFalse(echoes.absorbs(echo(Sender.ADVOCATE, "c-0")), "the oldest made room for the newest");
        for (int i = 1; i <= OwnEchoes.MOST; i++) assertTrue(echoes.absorbs(echo(Sender.ADVOCATE, "c-" + i)), "c-" + i);
    }

    @Test
    void slotsFreedOutOfOrderAreReused() {
        for (int i = 0; i < OwnEchoes.MOST; i++) echoes.expect("a-" + i);
        for (int i = 0; i < OwnEchoes.MOST; i += 2) assertTrue(echoes.absorbs(echo(Sender.ADVOCATE, "a-" + i)));
        for (int i = 0; i < OwnEchoes.MOST / 2; i++) echoes.expect("b-" + i);
        for (int i = 1; i < OwnEchoes.MOST; i += 2) assertTrue(echoes.absorbs(echo(Sender.ADVOCATE, "a-" + i)), "a-" + i);
        for (int i = 0; i < OwnEchoes.MOST / 2; i++) assertTrue(echoes.absorbs(echo(Sender.ADVOCATE, "b-" + i)), "b-" + i);
    }

    @Test
    void clientIdsOfTheShapesConsolesSendHashApart() {
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 200_000; i++) seen.add(OwnEchoes.hash("m-" + i));
        for (int i = 0; i < 200_000; i++) seen.add(OwnEchoes.hash(Long.toHexString(i * 0x9E3779B97F4A7C15L)));
        assertEquals(400_000, seen.size());
    }
}
