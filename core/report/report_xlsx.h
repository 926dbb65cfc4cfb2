/* The report as an XLSX workbook for the committee (docs/report.md): a
 * "Ranking" sheet of every ok record in rank order, one sheet per
 * decision met (each tier, then waitlist, review, reject) with its records
 * in rank order, and an "Errors" sheet when there are error records. Each
 * sheet has a frozen header row. */
#ifndef ASSAY_REPORT_XLSX_H
#define ASSAY_REPORT_XLSX_H

#include <stddef.h>

#include "report/report_data.h"

/* Writes the workbook of a finished report to path. Non-zero, with "cannot
 * write PATH: why" in err, on failure. */
int assay_report_xlsx(const assay_report *r, const char *path, char *err,
                      size_t err_size);

#endif
