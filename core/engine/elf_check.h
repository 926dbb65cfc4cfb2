/* A look at a plugin file before dlopen. The dynamic loader maps an ELF
 * file's segments as its program headers say; a file cut short (a copy
 * that stopped half-way, a full disk) maps pages past its end, and the
 * first touch of one is a SIGBUS in the loader that no message explains.
 * This reads the headers and refuses such a file, or one that is no ELF
 * shared object for this machine, with a message that says what is wrong. */
#ifndef ASSAY_ELF_CHECK_H
#define ASSAY_ELF_CHECK_H

#include <stddef.h>

/* 0 when path looks loadable or cannot be opened (dlopen then says why);
 * else non-zero with the reason in err ("truncated: ...", "not an ELF
 * file"), without the path. */
int assay_elf_check(const char *path, char *err, size_t err_size);

#endif
