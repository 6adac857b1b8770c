package org.hearthhub.voice;

/** One ring of an advocate's phone for a queued call; {@code attempt} tells it from earlier and later rings. */
record Ring(String conversation, String advocate, String attempt) {
}
