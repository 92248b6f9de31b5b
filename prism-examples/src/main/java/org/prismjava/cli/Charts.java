package org.prismjava.cli;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.DoubleFunction;
import java.util.function.Supplier;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.LookupPaintScale;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.prismjava.sampling.Sample;
import org.prismjava.train.SampleRecord;
import org.slf4j.LoggerFactory;

/**
 * The run folder's charts, drawn with JFreeChart (docs/libraries.md has the measured choice):
 * titled, with labelled axes and legends. Images (reconstruction, truth, k-space coverage) are
 * drawn as a plot's background so that they get axes in pixels and, for amplitudes, a colour bar.
 */
final class Charts {
    private static final Color OLD = new Color(0x1f77b4);
    private static final Color NEW = new Color(0xd62728);
    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 15);
    /** More sample starts than this are not drawn (they would fill the plot). */
    private static final int MAX_SAMPLE_LINES = 200;

    private Charts() {
    }

    /**
     * Renders a chart, or empty with a warning when this JVM cannot draw text (no fonts): the
     * run's data files do not depend on its pictures.
     */
    static Optional<BufferedImage> render(String what, Supplier<BufferedImage> chart) {
        try {
            return Optional.of(chart.get());
        } catch (RuntimeException | Error e) {
            if (e instanceof VirtualMachineError fatal) {
                throw fatal;
            }
            LoggerFactory.getLogger(Charts.class).warn("{} not drawn: {} (a JVM without fonts? install fontconfig"
                    + " and a font such as fonts-dejavu-core)", what, e.toString());
            return Optional.empty();
        }
    }

    /**
     * Loss per step on a log axis: the new sub-aperture's loss, the old target's (drawn above it,
     * dashed), the threshold, and a faint line where each sample starts.
     */
    static BufferedImage lossCurve(LossHistory h, double threshold) {
        XYSeries fresh = new XYSeries("new sub-aperture", false, true);
        XYSeries old = new XYSeries("old target (cumulative mask or earlier samples)", false, true);
        double[] o = h.oldLosses();
        double[] n = h.newLosses();
        for (int i = 0; i < h.size(); i++) {
            fresh.add(i + 1, positive(n[i]));
            old.add(i + 1, positive(o[i]));
        }
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(old);
        data.addSeries(fresh);
        NumberAxis x = new NumberAxis("training step (all samples)");
        x.setAutoRangeIncludesZero(false);
        LogAxis y = new LogAxis("loss (log scale)");
        y.setSmallestValue(1e-12);
        double decades = Math.log10(Math.max(h.max(), threshold) / Math.max(1e-12, Math.min(h.min(), threshold)));
        y.setTickUnit(new NumberTickUnit(decades > 3 ? 1 : decades > 1.2 ? 0.5 : 0.25));
        y.setNumberFormatOverride(formatted(v -> String.format(Locale.ROOT, "%.2g", v)));
        XYLineAndShapeRenderer lines = new XYLineAndShapeRenderer(true, false);
        lines.setSeriesPaint(0, OLD);
        lines.setSeriesStroke(0, new BasicStroke(1.6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
                new float[] {6f, 3f}, 0f));
        lines.setSeriesPaint(1, NEW);
        lines.setSeriesStroke(1, new BasicStroke(1.0f));
        XYPlot plot = plot(data, x, y, lines);
        plot.setSeriesRenderingOrder(org.jfree.chart.plot.SeriesRenderingOrder.REVERSE);
        ValueMarker t = new ValueMarker(threshold, Color.GRAY, new BasicStroke(1f, BasicStroke.CAP_BUTT,
                BasicStroke.JOIN_MITER, 10f, new float[] {2f, 3f}, 0f));
        t.setLabel("threshold " + String.format(Locale.ROOT, "%.3g", threshold));
        t.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
        t.setLabelTextAnchor(TextAnchor.BOTTOM_RIGHT);
        plot.addRangeMarker(t);
        List<Integer> starts = h.sampleStarts();
        if (starts.size() <= MAX_SAMPLE_LINES) {
            for (int s : starts) {
                plot.addDomainMarker(new ValueMarker(s + 1, new Color(0xdddddd), new BasicStroke(1f)), Layer.BACKGROUND);
            }
        }
        return chart("Loss per step; faint lines: sample starts", plot, 1000, 480);
    }

    /** The loss axis has no place for zero or non-finite values: the curve breaks there. */
    private static Double positive(double v) {
        return v > 0 && Double.isFinite(v) ? v : null;
    }

    /** SSIM (left axis) and PSNR (right axis) after each sample. */
    static BufferedImage metricCurves(List<SampleRecord> records) {
        XYSeries ssim = new XYSeries("SSIM", false, true);
        XYSeries psnr = new XYSeries("PSNR (dB)", false, true);
        for (SampleRecord r : records) {
            ssim.add(r.index() + 1, Double.isFinite(r.ssim()) ? r.ssim() : null);
            psnr.add(r.index() + 1, Double.isFinite(r.psnr()) ? r.psnr() : null);
        }
        NumberAxis x = new NumberAxis("sample");
        x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        NumberAxis left = new NumberAxis("SSIM (object square)");
        left.setRange(0, 1.02);
        XYLineAndShapeRenderer a = new XYLineAndShapeRenderer(true, records.size() <= 100);
        a.setSeriesPaint(0, OLD);
        XYPlot plot = plot(new XYSeriesCollection(ssim), x, left, a);
        NumberAxis right = new NumberAxis("PSNR (dB)");
        right.setAutoRangeIncludesZero(false);
        plot.setRangeAxis(1, right);
        plot.setRangeAxisLocation(1, AxisLocation.BOTTOM_OR_RIGHT);
        plot.setDataset(1, new XYSeriesCollection(psnr));
        plot.mapDatasetToRangeAxis(1, 1);
        XYLineAndShapeRenderer b = new XYLineAndShapeRenderer(true, records.size() <= 100);
        b.setSeriesPaint(0, NEW);
        plot.setRenderer(1, b);
        return chart("Reconstruction quality after each sample", plot, 1000, 420);
    }

    /**
     * Each frame's residual at the final reconstruction (a log axis when they span more than a
     * factor 10); for intensity frames a line at 1, the level of a frame explained to its noise.
     */
    static BufferedImage frameResiduals(double[] residuals, boolean noiseLevel) {
        XYSeries r = new XYSeries("residual", false, true);
        for (int k = 0; k < residuals.length; k++) {
            r.add(k + 1, residuals[k] > 0 && Double.isFinite(residuals[k]) ? residuals[k] : null);
        }
        NumberAxis x = new NumberAxis("frame");
        x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (double v : residuals) {
            if (v > 0 && Double.isFinite(v)) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        String label = noiseLevel ? "2 x Poisson deviance per pixel" : "data loss";
        org.jfree.chart.axis.ValueAxis y;
        if (max > 10 * min) {
            LogAxis log = new LogAxis(label);
            log.setSmallestValue(1e-6);
            y = log;
        } else {
            NumberAxis linear = new NumberAxis(label);
            linear.setAutoRangeIncludesZero(false);
            if (noiseLevel) {
                double lo = Math.min(min, 1);
                double hi = Math.max(max, 1);
                double pad = Math.max(0.01, 0.1 * (hi - lo));
                linear.setRange(lo - pad, hi + pad);
            }
            y = linear;
        }
        XYLineAndShapeRenderer dots = new XYLineAndShapeRenderer(false, true);
        dots.setSeriesPaint(0, OLD);
        XYPlot plot = plot(new XYSeriesCollection(r), x, y, dots);
        if (noiseLevel) {
            plot.addRangeMarker(new ValueMarker(1, new Color(0x33cc33), new BasicStroke(1.5f)));
        }
        return chart(noiseLevel ? "Frame residuals (1 = explained to the noise, green)" : "Frame residuals", plot,
                1000, 420);
    }

    /**
     * The estimated pupil-centre corrections: each frame's nominal centre (dot) with an arrow to
     * its corrected centre, the correction magnified so the largest is visible; y up as in the
     * measurement files.
     */
    static BufferedImage calibration(List<Sample> nominal, org.prismjava.calibration.Calibration c, int n) {
        double largest = Math.max(1e-9, c.maxOffset());
        double magnify = Math.max(1, Math.floor(0.06 * n / largest));
        XYSeries centres = new XYSeries("nominal centre", false, true);
        XYSeries arrows = new XYSeries("correction x " + (long) magnify, false, true);
        for (int k = 0; k < nominal.size(); k++) {
            double x = nominal.get(k).start().x();
            double y = -nominal.get(k).start().y();
            centres.add(x, y);
            arrows.add(x, y);
            arrows.add(x + magnify * c.offset(k).x(), y - magnify * c.offset(k).y());
            arrows.add(x, null);
        }
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(centres);
        data.addSeries(arrows);
        NumberAxis kx = new NumberAxis("k_x (pupil pixels from DC)");
        NumberAxis ky = new NumberAxis("k_y (pupil pixels from DC, up)");
        kx.setRange(-n / 2.0, n / 2.0);
        ky.setRange(-n / 2.0, n / 2.0);
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer();
        r.setSeriesLinesVisible(0, false);
        r.setSeriesShapesVisible(0, true);
        r.setSeriesPaint(0, OLD);
        r.setSeriesShape(0, new java.awt.geom.Ellipse2D.Double(-3, -3, 6, 6));
        r.setSeriesLinesVisible(1, true);
        r.setSeriesShapesVisible(1, false);
        r.setSeriesPaint(1, NEW);
        r.setSeriesStroke(1, new BasicStroke(2f));
        String title = String.format(Locale.ROOT, "Pupil-centre corrections: rms %.2f px, largest %.2f px (arrows x %d)",
                c.rmsOffset(), c.maxOffset(), (long) magnify);
        return chart(title, plot(data, kx, ky, r), 680, 680);
    }

    /**
     * The cumulative k-space mask with each aperture centre, on axes in pupil pixels from the DC
     * term (marked at the origin).
     */
    static BufferedImage kspaceCoverage(boolean[] mask, int n, List<Sample> samples) {
        BufferedImage img = new BufferedImage(n, n, BufferedImage.TYPE_INT_RGB);
        int covered = 0;
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                boolean on = mask[r * n + c];
                covered += on ? 1 : 0;
                img.setRGB(c, r, on ? 0xb0b0b0 : 0x000000);
            }
        }
        XYSeries centres = new XYSeries("aperture centres", false, true);
        for (Sample s : samples) {
            centres.add(s.midpoint().x(), -s.midpoint().y());
        }
        NumberAxis kx = new NumberAxis("k_x (pupil pixels from DC)");
        NumberAxis ky = new NumberAxis("k_y (pupil pixels from DC)");
        kx.setRange(-n / 2.0 - 0.5, n / 2.0 - 0.5);
        ky.setRange(-(n / 2.0 - 0.5), n / 2.0 + 0.5);
        XYLineAndShapeRenderer dots = new XYLineAndShapeRenderer(false, true);
        dots.setSeriesPaint(0, Color.RED);
        dots.setSeriesShape(0, new java.awt.geom.Ellipse2D.Double(-3, -3, 6, 6));
        XYPlot plot = imagePlot(img, new XYSeriesCollection(centres), kx, ky, dots);
        plot.addDomainMarker(new ValueMarker(0, new Color(0x33cc33), new BasicStroke(1f)));
        plot.addRangeMarker(new ValueMarker(0, new Color(0x33cc33), new BasicStroke(1f)));
        XYTextAnnotation dc = new XYTextAnnotation("DC", 0, 0);
        dc.setPaint(new Color(0x33cc33));
        dc.setTextAnchor(TextAnchor.BOTTOM_LEFT);
        plot.addAnnotation(dc);
        String title = String.format(Locale.ROOT, "k-space coverage: %d samples, %.1f%% of the grid", samples.size(),
                100.0 * covered / (n * n));
        return chart(title, plot, 640, 640);
    }

    /**
     * A square image (row-major {@code size x size} values) shown through {@code stretch}, with a
     * title, axes in object pixels and a grey colour bar labelled {@code unitLabel}: from 0 to the
     * image's largest value for a linear stretch, the stretched [0, 1] otherwise.
     */
    static BufferedImage image(String title, float[] values, int size, Stretch stretch, String unitLabel) {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Plots.drawGrey(img, stretch.apply(values), size, size, 1, 0, 0);
        double max = 0;
        for (float v : values) {
            max = Math.max(max, v);
        }
        double top = max;
        boolean linear = stretch == Stretch.LINEAR;
        NumberAxis x = new NumberAxis("x (object pixels)");
        NumberAxis y = new NumberAxis("y (object pixels)");
        x.setRange(0, size);
        y.setRange(0, size);
        y.setInverted(true);
        XYPlot plot = imagePlot(img, new XYSeriesCollection(), x, y, new XYLineAndShapeRenderer(false, false));
        JFreeChart chart = new JFreeChart(title, TITLE, plot, false);
        chart.setBackgroundPaint(Color.WHITE);
        LookupPaintScale grey = new LookupPaintScale(0, 1.0001, Color.WHITE);
        for (int i = 0; i < 256; i++) {
            grey.add(i / 255.0, new Color(i, i, i));
        }
        NumberAxis bar = new NumberAxis(unitLabel + (linear ? "" : " (" + stretch.name().toLowerCase(Locale.ROOT)
                + " display stretch)"));
        bar.setRange(0, 1);
        bar.setNumberFormatOverride(formatted(v -> String.format(Locale.ROOT, "%.3g", linear ? v * top : v)));
        PaintScaleLegend legend = new PaintScaleLegend(grey, bar);
        legend.setPosition(RectangleEdge.RIGHT);
        legend.setMargin(4, 4, 40, 4);
        legend.setStripWidth(14);
        chart.addSubtitle(legend);
        return chart.createBufferedImage(560, 500);
    }

    /** Tick labels written by {@code text} (JFreeChart takes a {@link NumberFormat}). */
    private static NumberFormat formatted(DoubleFunction<String> text) {
        return new NumberFormat() {
            @Override
            public StringBuffer format(double v, StringBuffer b, FieldPosition p) {
                return b.append(text.apply(v));
            }

            @Override
            public StringBuffer format(long v, StringBuffer b, FieldPosition p) {
                return format((double) v, b, p);
            }

            @Override
            public Number parse(String s, ParsePosition p) {
                throw new UnsupportedOperationException("tick labels are only written");
            }
        };
    }

    /** A plot whose data area shows {@code img} (axes and series drawn over it, no grid lines). */
    private static XYPlot imagePlot(BufferedImage img, XYSeriesCollection data, NumberAxis x, NumberAxis y,
            XYLineAndShapeRenderer renderer) {
        XYPlot plot = plot(data, x, y, renderer);
        plot.setBackgroundImage(img);
        plot.setBackgroundImageAlpha(1f);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        return plot;
    }

    private static XYPlot plot(XYSeriesCollection data, NumberAxis x, org.jfree.chart.axis.ValueAxis y,
            XYLineAndShapeRenderer renderer) {
        XYPlot plot = new XYPlot(data, x, y, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xe0e0e0));
        plot.setRangeGridlinePaint(new Color(0xe0e0e0));
        plot.setOutlinePaint(Color.DARK_GRAY);
        return plot;
    }

    private static BufferedImage chart(String title, XYPlot plot, int width, int height) {
        JFreeChart chart = new JFreeChart(null, TITLE, plot, true);
        chart.setTitle(new TextTitle(title, TITLE));
        chart.setBackgroundPaint(Color.WHITE);
        return chart.createBufferedImage(width, height);
    }
}
