package org.hearthhub.loadtest;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The columns a latency tail is read beside: pauses only, and memory counted once per page. */
class MetricsProbeTest {

    @Test
    void concurrentCyclesAreNotCountedAsPausesAndProportionalMemoryIsPreferred() {
        String scrape = """
                jvm_gc_collection_seconds_count{gc="ZGC Cycles",} 12.0
                jvm_gc_collection_seconds_sum{gc="ZGC Cycles",} 3.5
                jvm_gc_collection_seconds_count{gc="ZGC Pauses",} 36.0
                jvm_gc_collection_seconds_sum{gc="ZGC Pauses",} 0.004
                jvm_memory_used_bytes{area="heap",id="ZHeap",} 2.0E8
                process_resident_memory_bytes 9.0E8
                process_proportional_memory_bytes 3.1E8
                """;
        MetricsProbe.Sample s = MetricsProbe.Sample.parse(scrape);
        assertEquals(4, s.gcMillis(), "3.5 s of concurrent cycles stopped nothing");
        assertEquals(36, s.gcCount());
        assertEquals(200_000_000L, s.heapBytes());
        assertEquals(310_000_000L, s.memoryBytes(), "PSS: ZGC's heap is mapped three times, RSS counts it thrice");
    }

    @Test
    void g1CollectionsAllCountAndResidentMemoryIsTheFallback() {
        String scrape = """
                jvm_gc_collection_seconds_count{gc="G1 Young Generation",} 10.0
                jvm_gc_collection_seconds_sum{gc="G1 Young Generation",} 0.2
                jvm_gc_collection_seconds_count{gc="G1 Old Generation",} 0.0
                jvm_gc_collection_seconds_sum{gc="G1 Old Generation",} 0.0
                process_resident_memory_bytes 5.0E8
                """;
        MetricsProbe.Sample s = MetricsProbe.Sample.parse(scrape);
        assertEquals(200, s.gcMillis());
        assertEquals(10, s.gcCount());
        assertEquals(500_000_000L, s.memoryBytes(), "a hub without the PSS gauge: RSS");
    }
}
