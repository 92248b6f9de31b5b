package org.prismjava.sampling;

import java.util.List;
import org.prismjava.util.Checks;

/**
 * Summary of a pattern (spec 5.7): sample count, radial spread of the sample centres (line
 * midpoints), mean nearest-neighbour distance of the first 100 samples, and a rough coverage
 * estimate (percentage of the region of interest covered by disks of half the mean
 * nearest-neighbour distance, capped at 100).
 *
 * @param count number of samples
 * @param meanRadius mean distance from DC
 * @param stdRadius sample standard deviation of the distance (n - 1)
 * @param minRadius smallest distance
 * @param maxRadius largest distance
 * @param meanNearestNeighbour mean nearest-neighbour distance
 * @param coveragePercent rough coverage estimate
 */
public record PatternStatistics(int count, double meanRadius, double stdRadius, double minRadius, double maxRadius,
        double meanNearestNeighbour, double coveragePercent) {

    /** Statistics of {@code samples} in a region of interest of diameter {@code roiDiameter}. */
    public static PatternStatistics of(List<Sample> samples, double roiDiameter) {
        Checks.check(samples != null && !samples.isEmpty(), "samples", samples, "must be non-empty");
        Checks.positive("roiDiameter", roiDiameter);
        int n = samples.size();
        double sum = 0;
        double min = Double.MAX_VALUE;
        double max = 0;
        for (Sample s : samples) {
            double r = s.midpoint().radius();
            sum += r;
            min = Math.min(min, r);
            max = Math.max(max, r);
        }
        double mean = sum / n;
        double var = 0;
        for (Sample s : samples) {
            var += Math.pow(s.midpoint().radius() - mean, 2);
        }
        double std = n > 1 ? Math.sqrt(var / (n - 1)) : 0;
        int m = Math.min(100, n);
        double nnSum = 0;
        for (int i = 0; i < m; i++) {
            double best = Double.MAX_VALUE;
            for (int j = 0; j < m; j++) {
                if (i != j) {
                    var a = samples.get(i).midpoint();
                    var b = samples.get(j).midpoint();
                    best = Math.min(best, Math.hypot(a.y() - b.y(), a.x() - b.x()));
                }
            }
            nnSum += m > 1 ? best : 0;
        }
        double nn = nnSum / m;
        double coverage = Math.min(100, n * Math.pow(nn / 2, 2) / Math.pow(roiDiameter / 2, 2) * 100);
        return new PatternStatistics(n, mean, std, min, max, nn, coverage);
    }
}
