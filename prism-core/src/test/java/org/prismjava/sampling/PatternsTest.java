package org.prismjava.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.prismjava.optics.Center;
import org.prismjava.util.SeededRandom;

/** Golden values of spec Appendix B.3 and pattern contracts. */
class PatternsTest {

    @Test
    void fermatGoldenValues() {
        List<Sample> s = Patterns.fermat(64, 512).generate(new SeededRandom(0));
        assertEquals(64, s.size());
        double[][] want = {{0, 0}, {43.231184, -47.191786}, {-90.163045, 7.913616}, {87.972470, 67.445122},
            {-22.297366, -126.042959}};
        for (int i = 0; i < want.length; i++) {
            assertEquals(want[i][0], s.get(i).start().y(), 1e-5);
            assertEquals(want[i][1], s.get(i).start().x(), 1e-5);
        }
        Center last = s.get(63).start();
        assertEquals(198.517904, last.y(), 1e-5);
        assertEquals(467.588111, last.x(), 1e-5);
        assertEquals(507.984252, last.radius(), 1e-5);
        assertEquals(26, Patterns.fermat(100, 100, 50).generate(null).size());
    }

    @Test
    void randomDiskStartsAtDcIsSortedAndSeeded() {
        List<Sample> a = Patterns.randomDisk(50, 100).generate(new SeededRandom(4));
        List<Sample> b = Patterns.randomDisk(50, 100).generate(new SeededRandom(4));
        assertEquals(a, b);
        assertEquals(Center.ORIGIN.radius(), a.get(0).start().radius(), 0);
        for (int i = 1; i < a.size(); i++) {
            assertTrue(a.get(i).start().radius() >= a.get(i - 1).start().radius());
            assertTrue(a.get(i).start().radius() <= 100);
        }
    }

    @Test
    void starHasOnlyNAnglesLinesThroughTheCentre() {
        List<Sample> s = Patterns.star(20, 4, 100).generate(null);
        long central = s.stream().filter(x -> x.midpoint().radius() < 1e-9).count();
        assertEquals(4, central);
        assertEquals(4 + 4 * 8, s.size()); // radii 0, 20, 40, 60, 80 < 90
        assertEquals(20, s.get(5).length(), 1e-9);
    }

    @Test
    void everyBuiltinPatternHasTheAskedCountAndStaysInsideTheGridAtRadiusNOver2() {
        int gridSize = 128;
        for (String name : List.of("fermat", "random", "circles", "jittered")) {
            for (int n : new int[] {2, 6, 16, 48, 100}) {
                List<Sample> s = Patterns.builtin(name, n, gridSize / 2.0).generate(new SeededRandom(n));
                assertEquals(n, s.size(), name + " with " + n + " samples");
                for (Sample x : s) {
                    assertTrue(x.start().y() >= -gridSize / 2.0 && x.start().y() < gridSize / 2.0
                            && x.start().x() >= -gridSize / 2.0 && x.start().x() < gridSize / 2.0, name + ": " + x);
                }
            }
        }
    }

    @Test
    void otherPatternsAndLines() {
        List<Sample> c = Patterns.concentricCircles(37, 50).generate(null);
        assertEquals(37, c.size());
        assertEquals(0, c.get(0).start().radius(), 0);
        assertEquals(50 * 0.5 / 3, c.get(1).start().radius(), 1e-9, "the innermost of 3 rings at its annulus' middle");
        assertEquals(6, c.stream().filter(x -> Math.abs(x.start().radius() - 50 * 0.5 / 3) < 1e-9).count());
        List<Sample> j = Patterns.jitteredGrid(40, 100).generate(new SeededRandom(1));
        assertEquals(40, j.size());
        assertEquals(0, j.get(0).start().radius(), 0);
        assertTrue(j.stream().allMatch(x -> x.start().radius() < 100));
        List<Sample> l = Patterns.lines(Patterns.fermat(10, 50), 16, 0.3).generate(null);
        assertEquals(16, l.get(3).length(), 1e-9);
        assertEquals(Patterns.fermat(10, 50).generate(null).get(3).start().y(), l.get(3).midpoint().y(), 1e-9);
        assertEquals(2, Patterns.custom("mine", List.of(Sample.point(0, 0), Sample.point(3, 4))).generate(null).size());
    }

    @Test
    void statistics() {
        List<Sample> s = List.of(Sample.point(0, 0), Sample.point(0, 10), Sample.point(10, 0));
        PatternStatistics st = PatternStatistics.of(s, 40);
        assertEquals(3, st.count());
        assertEquals(20.0 / 3, st.meanRadius(), 1e-12);
        assertEquals(10, st.meanNearestNeighbour(), 1e-12);
        assertEquals(0, st.minRadius(), 0);
        assertEquals(3 * 25.0 / 400 * 100, st.coveragePercent(), 1e-9);
    }

    @Test
    void badParameters() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Patterns.fermat(0, 10));
        assertTrue(e.getMessage().startsWith("n = 0"));
        assertThrows(IllegalArgumentException.class, () -> Patterns.fermat(10, -1));
        assertThrows(IllegalArgumentException.class, () -> Patterns.star(300, 4, 100));
        assertThrows(IllegalArgumentException.class, () -> Patterns.custom("x", List.of()));
        assertThrows(IllegalArgumentException.class, () -> Patterns.builtin("spiral?", 10, 10));
        assertThrows(IllegalArgumentException.class, () -> PatternStatistics.of(List.of(), 10));
    }
}
