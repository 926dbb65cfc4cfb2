/* TOPSIS (Hwang and Yoon, 1981): ranks alternatives by their closeness to
 * an ideal alternative, relative to the whole set. Each criterion column is
 * vector-normalised (divided by its Euclidean norm) and weighted; the ideal
 * takes each column's best value (largest for a benefit criterion, smallest
 * for a cost criterion), the anti-ideal its worst; closeness is
 * d- / (d+ + d-) from the Euclidean distances d+ to the ideal and d- to the
 * anti-ideal, in [0, 1], 1 being the ideal itself. */
#ifndef ASSAY_TOPSIS_H
#define ASSAY_TOPSIS_H

#include <stddef.h>

/* matrix: n rows (alternatives) of m values (criteria), row-major.
 * weight[j] >= 0 (scaled to sum 1 here; closeness does not depend on the
 * scale); cost[j] non-zero makes criterion j a cost. Writes n closeness
 * values. A column that is all zero contributes nothing; when every
 * alternative is at once ideal and anti-ideal (d+ = d- = 0) its closeness
 * is 0.5: nothing distinguishes it. Returns 0, or non-zero when the
 * weights do not sum to something positive. */
int assay_topsis(const double *matrix, size_t n, size_t m,
                 const double *weight, const unsigned char *cost,
                 double *closeness);

#endif
