/* Where the shipped plugins and data are: beside the executable in a build
 * tree (build/plugins, build/policy), or under the install prefix
 * (bin/../lib/assay/plugins, bin/../share/assay/policy). Found from
 * /proc/self/exe so that no build path is baked in; CMake passes the
 * prefix-relative install directories. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "assay/assay.h"
#include "util/paths.h"

static int is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

const char *assay_exe_dir(void)
{
    static char dir[PATH_MAX];
    if (dir[0])
        return dir;
    ssize_t n = readlink("/proc/self/exe", dir, sizeof dir - 1);
    if (n <= 0)
        return NULL;
    dir[n] = '\0';
    char *slash = strrchr(dir, '/');
    if (slash)
        *slash = '\0';
    return dir;
}

const char *assay_data_dir(const char *build_name, const char *install_name)
{
    static char found[4][PATH_MAX];
    static int next;
    const char *exe = assay_exe_dir();
    if (!exe)
        return NULL;
    char *buf = found[next++ % 4];
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/%s", exe, build_name);
    if (!is_dir(path))
        snprintf(path, sizeof path, "%s/../%s", exe, install_name);
    /* Canonical, so listings and messages show <prefix>/lib/..., not
     * <prefix>/bin/../lib/... */
    return is_dir(path) && realpath(path, buf) ? buf : NULL;
}

const char *assay_default_plugin_dir(void)
{
    static const char *dir;
    if (!dir)
        dir = assay_data_dir("plugins", ASSAY_INSTALL_PLUGINDIR);
    return dir;
}

const char *assay_policy_dir(void)
{
    static const char *dir;
    if (!dir)
        dir = assay_data_dir("policy", ASSAY_INSTALL_DATADIR "/policy");
    return dir;
}
