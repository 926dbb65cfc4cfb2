#include "decide/topsis.h"

#include <math.h>
#include <stdlib.h>

int assay_topsis(const double *matrix, size_t n, size_t m,
                 const double *weight, const unsigned char *cost,
                 double *closeness)
{
    double total = 0;
    for (size_t j = 0; j < m; j++)
        total += weight[j];
    if (!(total > 0))
        return 1;
    double *scale = malloc((m ? m : 1) * 3 * sizeof *scale);
    if (!scale)
        abort();
    double *ideal = scale + m, *anti = ideal + m;
    for (size_t j = 0; j < m; j++) {
        double sq = 0;
        for (size_t i = 0; i < n; i++)
            sq += matrix[i * m + j] * matrix[i * m + j];
        scale[j] = sq > 0 ? weight[j] / total / sqrt(sq) : 0;
        for (size_t i = 0; i < n; i++) {
            double v = matrix[i * m + j] * scale[j];
            if (i == 0 || (cost[j] ? v < ideal[j] : v > ideal[j]))
                ideal[j] = v;
            if (i == 0 || (cost[j] ? v > anti[j] : v < anti[j]))
                anti[j] = v;
        }
    }
    for (size_t i = 0; i < n; i++) {
        double plus = 0, minus = 0;
        for (size_t j = 0; j < m; j++) {
            double v = matrix[i * m + j] * scale[j];
            plus += (v - ideal[j]) * (v - ideal[j]);
            minus += (v - anti[j]) * (v - anti[j]);
        }
        plus = sqrt(plus);
        minus = sqrt(minus);
        closeness[i] = plus + minus > 0 ? minus / (plus + minus) : 0.5;
    }
    free(scale);
    return 0;
}
