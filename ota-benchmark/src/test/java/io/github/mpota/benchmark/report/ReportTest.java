package io.github.mpota.benchmark.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReportTest {

    @Test
    void medianOfOddAndEvenCounts() {
        assertEquals(3.0, Stats.median(List.of(9, 1, 3)));
        assertEquals(2.5, Stats.median(List.of(4L, 1L, 2L, 3L)));
        assertThrows(IllegalArgumentException.class, () -> Stats.median(List.of()));
    }

    @Test
    void throughputIsMegabytesPerSecond() {
        assertEquals(2.0, Stats.megabytesPerSecond(2_000_000, 1e9), 1e-9);
    }

    @Test
    void tableIsMarkdownWithPaddedColumns() {
        String t = new Table("project", "ratio").row("small", "1.029").row("large", "0.999").render();
        assertEquals("""
                | project | ratio |
                | ------- | ----- |
                | small   | 1.029 |
                | large   | 0.999 |
                """, t);
        assertThrows(IllegalArgumentException.class, () -> new Table("a", "b").row("only one"));
    }

    @Test
    void numbersUseADotAndFixedDecimals() {
        assertEquals("1.5", Format.ms(1_500_000));
        assertEquals("1.029", Format.ratio(1.0288));
        assertEquals("1.0001", Format.sizeRatio(576_248.0 / 576_186));
        assertEquals("19,993,099", Format.bytes(19_993_099));
        assertEquals("64.0", Format.mib(64L * 1024 * 1024));
    }
}
