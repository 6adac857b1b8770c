package org.hearthhub.loadtest;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Named counters, bumped from any thread: errors by code, unexpected frames, failed connects. */
public final class Tally {
    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    public void add(String name) {
        counts.computeIfAbsent(name, k -> new LongAdder()).increment();
    }

    public long get(String name) {
        LongAdder a = counts.get(name);
        return a == null ? 0 : a.sum();
    }

    public long total() {
        return counts.values().stream().mapToLong(LongAdder::sum).sum();
    }

    public Map<String, Long> snapshot() {
        Map<String, Long> out = new TreeMap<>();
        counts.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }
}
