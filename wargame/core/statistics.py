"""95% intervals for the figures of many games: Wilson for shares, Student's t for means (pure, no I/O)."""

from __future__ import annotations

import math

Z95 = 1.959964
"""The normal quantile of a two-sided 95% interval."""

# Two-sided 95% quantiles of Student's t by degrees of freedom; between rows the smaller number of
# degrees of freedom is used, so the interval is never narrower than the exact one.
_T95 = (
    (1, 12.706), (2, 4.303), (3, 3.182), (4, 2.776), (5, 2.571), (6, 2.447), (7, 2.365), (8, 2.306),
    (9, 2.262), (10, 2.228), (11, 2.201), (12, 2.179), (13, 2.160), (14, 2.145), (15, 2.131),
    (16, 2.120), (17, 2.110), (18, 2.101), (19, 2.093), (20, 2.086), (21, 2.080), (22, 2.074),
    (23, 2.069), (24, 2.064), (25, 2.060), (26, 2.056), (27, 2.052), (28, 2.048), (29, 2.045),
    (30, 2.042), (40, 2.021), (60, 2.000), (120, 1.980),
)


def t95(df: int) -> float:
    """The two-sided 95% quantile of Student's t with `df` degrees of freedom (1.96 beyond 120)."""
    if df < 1:
        return math.inf
    if df > 120:
        return Z95
    return next(value for row_df, value in reversed(_T95) if df >= row_df)


def wilson(count: int, n: int) -> tuple[float, float]:
    """The 95% Wilson interval of a share `count / n`: sound at 0 and n, where the normal one collapses."""
    if n <= 0:
        return (0.0, 1.0)
    p = count / n
    z2 = Z95 * Z95
    centre = (p + z2 / (2 * n)) / (1 + z2 / n)
    half = Z95 * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / (1 + z2 / n)
    return (round(max(0.0, centre - half), 4), round(min(1.0, centre + half), 4))


def mean_sd(n: int, total: float, squares: float) -> tuple[float, float]:
    """Mean and sample standard deviation from the count, the sum and the sum of squares."""
    if n <= 0:
        return (0.0, 0.0)
    mean = total / n
    if n == 1:
        return (mean, 0.0)
    variance = max(0.0, (squares - n * mean * mean) / (n - 1))
    return (mean, math.sqrt(variance))


def mean_interval(n: int, total: float, squares: float) -> tuple[float, float]:
    """The 95% interval of a mean (Student's t) from the count, the sum and the sum of squares;
    the mean itself at both ends when there is one value or none."""
    mean, sd = mean_sd(n, total, squares)
    if n <= 1:
        return (round(mean, 3), round(mean, 3))
    half = t95(n - 1) * sd / math.sqrt(n)
    return (round(mean - half, 3), round(mean + half, 3))
