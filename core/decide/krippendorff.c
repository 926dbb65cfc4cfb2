#include "decide/krippendorff.h"

#include <math.h>
#include <stdlib.h>

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* The index of v among the n sorted distinct values. */
static size_t index_of(const double *distinct, size_t n, double v)
{
    size_t lo = 0, hi = n;
    while (lo + 1 < hi) {
        size_t mid = (lo + hi) / 2;
        if (distinct[mid] <= v)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

static double delta2(assay_level level, const double *distinct,
                     const double *count, size_t c, size_t k)
{
    double a = distinct[c], b = distinct[k];
    switch (level) {
    case ASSAY_LEVEL_NOMINAL:
        return c != k;
    case ASSAY_LEVEL_ORDINAL: {
        size_t lo = c < k ? c : k, hi = c < k ? k : c;
        double s = 0;
        for (size_t g = lo; g <= hi; g++)
            s += count[g];
        s -= (count[c] + count[k]) / 2;
        return s * s;
    }
    case ASSAY_LEVEL_INTERVAL:
        return (a - b) * (a - b);
    default:
        return a + b == 0 ? 0 : ((a - b) / (a + b)) * ((a - b) / (a + b));
    }
}

double assay_krippendorff_alpha(const double *values, size_t units,
                                size_t raters, assay_level level)
{
    /* The distinct pairable values, sorted. */
    double *distinct = malloc((units * raters + 1) * sizeof *distinct);
    size_t n_values = 0;
    for (size_t u = 0; u < units; u++) {
        size_t m = 0;
        for (size_t r = 0; r < raters; r++)
            m += !isnan(values[u * raters + r]);
        for (size_t r = 0; m >= 2 && r < raters; r++)
            if (!isnan(values[u * raters + r]))
                distinct[n_values++] = values[u * raters + r];
    }
    qsort(distinct, n_values, sizeof *distinct, by_value);
    size_t v = 0;
    for (size_t i = 0; i < n_values; i++)
        if (v == 0 || distinct[i] != distinct[v - 1])
            distinct[v++] = distinct[i];
    double *o = calloc(v * v + 1, sizeof *o), *count = calloc(v + 1, sizeof *count);
    /* The coincidence matrix: each ordered pair of values in a unit with m
     * values adds 1 / (m - 1). */
    for (size_t u = 0; u < units; u++) {
        const double *row = values + u * raters;
        size_t m = 0;
        for (size_t r = 0; r < raters; r++)
            m += !isnan(row[r]);
        if (m < 2)
            continue;
        for (size_t i = 0; i < raters; i++)
            for (size_t j = 0; j < raters; j++)
                if (i != j && !isnan(row[i]) && !isnan(row[j]))
                    o[index_of(distinct, v, row[i]) * v +
                      index_of(distinct, v, row[j])] += 1.0 / (double)(m - 1);
    }
    double n = 0;
    for (size_t c = 0; c < v; c++) {
        for (size_t k = 0; k < v; k++)
            count[c] += o[c * v + k];
        n += count[c];
    }
    double observed = 0, expected = 0;
    for (size_t c = 0; c < v; c++)
        for (size_t k = 0; k < v; k++) {
            double d = delta2(level, distinct, count, c, k);
            observed += o[c * v + k] * d;
            expected += count[c] * count[k] * d;
        }
    free(distinct);
    free(o);
    free(count);
    if (n < 2 || expected == 0)
        return NAN;
    return 1 - (n - 1) * observed / expected;
}
