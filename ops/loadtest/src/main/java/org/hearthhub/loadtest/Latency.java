package org.hearthhub.loadtest;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/** One latency distribution in microseconds, recorded from any thread. */
public final class Latency {
    private final Histogram histogram = new ConcurrentHistogram(3);

    public void recordNanos(long nanos) {
        histogram.recordValue(Math.max(0, nanos / 1000));
    }

    public long count() {
        return histogram.getTotalCount();
    }

    /** Every value of {@code parts} in one distribution: rounds measured apart, read as one sample. */
    static Latency pooled(java.util.List<Latency> parts) {
        Latency all = new Latency();
        for (Latency part : parts) all.histogram.add(part.histogram);
        return all;
    }

    public Summary summary() {
        if (histogram.getTotalCount() == 0) return Summary.EMPTY;
        return new Summary(histogram.getTotalCount(), ms(histogram.getValueAtPercentile(50)), ms(histogram.getValueAtPercentile(95)),
                ms(histogram.getValueAtPercentile(99)), ms(histogram.getMaxValue()));
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }

    /** Milliseconds. */
    public record Summary(long count, double p50, double p95, double p99, double max) {
        static final Summary EMPTY = new Summary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }
}
