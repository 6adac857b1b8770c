package org.hearthhub.loadtest;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Stroke;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** Draws p99 delivery latency against offered load as a PNG, with plain Java2D (headless). */
final class Chart {
    private static final int W = 960;
    private static final int H = 560;
    private static final int LEFT = 80;
    private static final int RIGHT = 40;
    private static final int TOP = 70;
    private static final int BOTTOM = 70;
    private static final double TARGET_MS = 20;

    private record Series(String label, Color color, boolean dashed, List<double[]> points) {
    }

    private Chart() {
    }

    static void write(Path file, String title, PhaseResult hub, PhaseResult relay) throws IOException {
        List<Series> series = new ArrayList<>();
        Color hubColor = new Color(0xB0, 0x3A, 0x2E);
        Color relayColor = new Color(0x2E, 0x5E, 0xAA);
        if (hub != null) {
            series.add(series(hub.name() + " survivor->advocate p99", hubColor, false, hub, StepResult::toAdvocate));
            series.add(series(hub.name() + " advocate->survivor p99", hubColor, true, hub, StepResult::toSurvivor));
        }
        if (relay != null) {
            series.add(series("bare relay survivor->advocate p99", relayColor, false, relay, StepResult::toAdvocate));
            series.add(series("bare relay advocate->survivor p99", relayColor, true, relay, StepResult::toSurvivor));
        }
        double maxX = 0;
        double maxY = TARGET_MS * 1.25;
        for (Series s : series) {
            for (double[] p : s.points) {
                maxX = Math.max(maxX, p[0]);
                if (!Double.isNaN(p[1])) maxY = Math.max(maxY, p[1] * 1.1);
            }
        }
        maxX = niceCeil(maxX);
        maxY = niceCeil(maxY);

        BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, W, H);
        int pw = W - LEFT - RIGHT;
        int ph = H - TOP - BOTTOM;

        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString(title, LEFT, 30);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));

        // Grid and axis labels.
        for (int i = 0; i <= 5; i++) {
            double y = maxY * i / 5;
            int py = TOP + ph - (int) Math.round(ph * y / maxY);
            g.setColor(new Color(0xE6, 0xE6, 0xE6));
            g.drawLine(LEFT, py, LEFT + pw, py);
            g.setColor(Color.DARK_GRAY);
            g.drawString(format(y), LEFT - 8 - g.getFontMetrics().stringWidth(format(y)), py + 4);
            double x = maxX * i / 5;
            int px = LEFT + (int) Math.round(pw * x / maxX);
            g.drawString(format(x), px - g.getFontMetrics().stringWidth(format(x)) / 2, TOP + ph + 18);
        }
        g.setColor(Color.BLACK);
        g.drawRect(LEFT, TOP, pw, ph);
        g.drawString("offered load, messages/s (both directions)", LEFT + pw / 2 - 120, H - 25);
        Graphics2D rotated = (Graphics2D) g.create();
        rotated.rotate(-Math.PI / 2);
        rotated.drawString("p99 delivery latency, ms", -(TOP + ph / 2 + 70), 25);
        rotated.dispose();

        // The bar from docs/architecture.md (quality bars).
        int ty = TOP + ph - (int) Math.round(ph * TARGET_MS / maxY);
        g.setColor(new Color(0x55, 0x55, 0x55));
        g.setStroke(dashed(1.2f));
        g.drawLine(LEFT, ty, LEFT + pw, ty);
        g.drawString("target: 20 ms", LEFT + pw - 90, ty - 6);

        int legendY = TOP + 18;
        for (Series s : series) {
            g.setColor(s.color);
            g.setStroke(s.dashed ? dashed(2.2f) : new BasicStroke(2.2f));
            int[] prev = null;
            for (double[] p : s.points) {
                if (Double.isNaN(p[1])) continue;
                int px = LEFT + (int) Math.round(pw * p[0] / maxX);
                int py = TOP + ph - (int) Math.round(ph * Math.min(p[1], maxY) / maxY);
                if (prev != null) g.drawLine(prev[0], prev[1], px, py);
                g.fillOval(px - 4, py - 4, 8, 8);
                prev = new int[]{px, py};
            }
            g.drawLine(LEFT + 14, legendY - 4, LEFT + 44, legendY - 4);
            g.setColor(Color.BLACK);
            g.drawString(s.label, LEFT + 52, legendY);
            legendY += 18;
        }
        g.dispose();
        if (file.toAbsolutePath().getParent() != null) Files.createDirectories(file.toAbsolutePath().getParent());
        ImageIO.write(img, "png", file.toFile());
    }

    private static Series series(String label, Color color, boolean dashed, PhaseResult phase,
                                 Function<StepResult, Latency.Summary> pick) {
        List<double[]> points = new ArrayList<>();
        for (StepResult s : phase.steps()) points.add(new double[]{s.rate(), pick.apply(s).p99()});
        return new Series(label, color, dashed, points);
    }

    private static Stroke dashed(float width) {
        return new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[]{8f, 6f}, 0f);
    }

    private static double niceCeil(double v) {
        if (v <= 0) return 1;
        double mag = Math.pow(10, Math.floor(Math.log10(v)));
        for (double step : new double[]{1, 2, 2.5, 5, 10}) {
            if (step * mag >= v) return step * mag;
        }
        return 10 * mag;
    }

    private static String format(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }
}
