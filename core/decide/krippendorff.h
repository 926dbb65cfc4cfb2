/* Krippendorff's alpha: the agreement of raters beyond chance, for a
 * review panel's scores of one criterion (K. Krippendorff, "Computing
 * Krippendorff's Alpha-Reliability", 2011).
 *
 * Reliability data is a units x raters table of values, NaN where a
 * rater gave none. Units with fewer than two values are not pairable and
 * count for nothing. alpha = 1 - D_o / D_e, the observed over the expected
 * disagreement, from the coincidence matrix of the pairable values, with
 * the difference function of the level of measurement:
 *   nominal  0 for equal values, else 1
 *   ordinal  (sum of n_g for g from c to k, minus (n_c + n_k) / 2)^2, over
 *            the distinct values in order, n_g their pairable counts
 *   interval (c - k)^2
 *   ratio    ((c - k) / (c + k))^2 */
#ifndef ASSAY_KRIPPENDORFF_H
#define ASSAY_KRIPPENDORFF_H

#include <stddef.h>

typedef enum assay_level {
    ASSAY_LEVEL_NOMINAL,
    ASSAY_LEVEL_ORDINAL,
    ASSAY_LEVEL_INTERVAL,
    ASSAY_LEVEL_RATIO
} assay_level;

/* Alpha of values[u * raters + r] for units x raters. Returns NaN when it
 * is undefined: fewer than two pairable values, or no expected
 * disagreement (every pairable value the same). */
double assay_krippendorff_alpha(const double *values, size_t units,
                                size_t raters, assay_level level);

#endif
