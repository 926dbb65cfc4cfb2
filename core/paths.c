/* Where the shipped plugins are: beside the executable in a build tree
 * (build/plugins), or under the install prefix (bin/../lib/assay/plugins).
 * Found from /proc/self/exe so that no build path is baked in. */
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "assay/assay.h"
#include "paths.h"

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
    snprintf(buf, PATH_MAX, "%s/%s", exe, build_name);
    if (is_dir(buf))
        return buf;
    snprintf(buf, PATH_MAX, "%s/../%s", exe, install_name);
    if (is_dir(buf))
        return buf;
    return NULL;
}

const char *assay_default_plugin_dir(void)
{
    static const char *dir;
    if (!dir)
        dir = assay_data_dir("plugins", "lib/assay/plugins");
    return dir;
}
