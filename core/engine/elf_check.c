#include "engine/elf_check.h"

#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#if UINTPTR_MAX > 0xffffffffu
typedef Elf64_Ehdr elf_header;
typedef Elf64_Phdr elf_segment;
#define ELF_CLASS ELFCLASS64
#else
typedef Elf32_Ehdr elf_header;
typedef Elf32_Phdr elf_segment;
#define ELF_CLASS ELFCLASS32
#endif

#if defined(__x86_64__)
#define ELF_MACHINE EM_X86_64
#elif defined(__aarch64__)
#define ELF_MACHINE EM_AARCH64
#elif defined(__i386__)
#define ELF_MACHINE EM_386
#elif defined(__arm__)
#define ELF_MACHINE EM_ARM
#elif defined(__riscv)
#define ELF_MACHINE EM_RISCV
#elif defined(__powerpc64__)
#define ELF_MACHINE EM_PPC64
#elif defined(__s390x__)
#define ELF_MACHINE EM_S390
#endif

static int check(int fd, off_t size, char *err, size_t err_size)
{
    elf_header h;
    memset(&h, 0, sizeof h);
    ssize_t got = pread(fd, &h, sizeof h, 0);
    int magic = got >= SELFMAG && memcmp(h.e_ident, ELFMAG, SELFMAG) == 0;
    if (!magic) {
        snprintf(err, err_size,
                 "not an ELF file (%lld bytes); a plugin is a shared object "
                 "built with -shared -fPIC",
                 (long long)size);
        return 1;
    }
    if (got != (ssize_t)sizeof h) {
        snprintf(err, err_size,
                 "truncated: %lld bytes, too short for an ELF header; "
                 "rebuild the plugin or copy it again",
                 (long long)size);
        return 1;
    }
    if (h.e_ident[EI_CLASS] != ELF_CLASS || h.e_type != ET_DYN
#ifdef ELF_MACHINE
        || h.e_machine != ELF_MACHINE
#endif
    ) {
        snprintf(err, err_size,
                 "not a shared object for this machine (ELF class %d, type "
                 "%d, machine %d); build the plugin here with -shared -fPIC",
                 h.e_ident[EI_CLASS], h.e_type, h.e_machine);
        return 1;
    }
    if (h.e_phentsize != sizeof(elf_segment) ||
        (off_t)h.e_phoff + (off_t)h.e_phnum * (off_t)sizeof(elf_segment) >
            size) {
        snprintf(err, err_size,
                 "truncated: %lld bytes, its program headers end past that; "
                 "rebuild the plugin or copy it again",
                 (long long)size);
        return 1;
    }
    for (unsigned i = 0; i < h.e_phnum; i++) {
        elf_segment s;
        if (pread(fd, &s, sizeof s, (off_t)h.e_phoff + (off_t)i * sizeof s) !=
            (ssize_t)sizeof s) {
            snprintf(err, err_size, "cannot read: %s", strerror(errno));
            return 1;
        }
        if (s.p_type == PT_LOAD && (off_t)s.p_offset + (off_t)s.p_filesz > size) {
            snprintf(err, err_size,
                     "truncated: %lld bytes, but its segments need %lld; "
                     "rebuild the plugin or copy it again",
                     (long long)size,
                     (long long)s.p_offset + (long long)s.p_filesz);
            return 1;
        }
    }
    return 0;
}

int assay_elf_check(const char *path, char *err, size_t err_size)
{
    /* A file that cannot be opened is dlopen's to explain. */
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return 0;
    struct stat st;
    int rc;
    if (fstat(fd, &st) != 0) {
        snprintf(err, err_size, "%s", strerror(errno));
        rc = 1;
    } else if (!S_ISREG(st.st_mode)) {
        snprintf(err, err_size, "not a regular file");
        rc = 1;
    } else {
        rc = check(fd, st.st_size, err, err_size);
    }
    close(fd);
    return rc;
}
