/* Locating files shipped with assay, relative to the running executable. */
#ifndef ASSAY_PATHS_H
#define ASSAY_PATHS_H

/* The directory of the running executable, or NULL. */
const char *assay_exe_dir(void);

/* <exe dir>/<build_name> if it is a directory (a build tree), else
 * <exe dir>/../<install_name> if that is one (an install), else NULL. The
 * result is static storage, valid until four later calls. */
const char *assay_data_dir(const char *build_name, const char *install_name);

/* The directory of the shipped policies (the source tree's policy/ files):
 * build/policy, or <prefix>/share/assay/policy; NULL when there is none.
 * Static storage. */
const char *assay_policy_dir(void);

#endif
