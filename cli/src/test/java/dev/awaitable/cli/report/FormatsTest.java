package dev.awaitable.cli.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** One precision rule for every number in the report: whole numbers from 100 up, three significant digits below. */
class FormatsTest {

    @Test
    void numbersHaveThreeSignificantDigitsBelowAHundredAndAreWholeAbove() {
        assertThat(Formats.number(1_234_567.8)).isEqualTo("1,234,568");
        assertThat(Formats.number(123.4)).isEqualTo("123");
        assertThat(Formats.number(99.96)).isEqualTo("100");
        assertThat(Formats.number(12.345)).isEqualTo("12.3");
        assertThat(Formats.number(1.5)).isEqualTo("1.50");
        assertThat(Formats.number(0.012345)).isEqualTo("0.0123");
        assertThat(Formats.number(0.0)).isEqualTo("0");
        assertThat(Formats.number(-42.42)).isEqualTo("-42.4");
    }

    @Test
    void missingAndNonFiniteValuesShowADash() {
        assertThat(Formats.number(null)).isEqualTo("—");
        assertThat(Formats.number(Double.NaN)).isEqualTo("—");
        assertThat(Formats.number(Double.POSITIVE_INFINITY)).isEqualTo("—");
        assertThat(Formats.integer(null)).isEqualTo("—");
        assertThat(Formats.ratio(null)).isEqualTo("—");
    }

    @Test
    void ratiosHaveTwoDecimalsLikeBenchmarkDotNet() {
        assertThat(Formats.ratio(1.0)).isEqualTo("1.00");
        assertThat(Formats.ratio(0.527)).isEqualTo("0.53");
        assertThat(Formats.ratio(1234.5)).isEqualTo("1,234.50");
        assertThat(Formats.ratio(0.00123)).isEqualTo("0.00123");
    }

    @Test
    void integersAndSizes() {
        assertThat(Formats.integer(1_000_000L)).isEqualTo("1,000,000");
        assertThat(Formats.bytes(512)).isEqualTo("512 B");
        assertThat(Formats.bytes(1536)).isEqualTo("1.50 KiB");
        assertThat(Formats.bytes(4L << 30)).isEqualTo("4.00 GiB");
        assertThat(Formats.bytes(0)).isEqualTo("—");
    }
}
