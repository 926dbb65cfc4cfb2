/* Runs a fuzz target on the files named, once each: the seed corpus and
 * every input that once crashed replayed by ctest in each build (GCC too,
 * plain and under the sanitizers), without libFuzzer. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerInitialize(int *argc, char ***argv) __attribute__((weak));
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int main(int argc, char **argv)
{
    if (LLVMFuzzerInitialize)
        LLVMFuzzerInitialize(&argc, &argv);
    for (int i = 1; i < argc; i++) {
        FILE *f = fopen(argv[i], "rb");
        if (!f) {
            perror(argv[i]);
            return 1;
        }
        uint8_t *data = NULL;
        size_t size = 0, cap = 0, n;
        do {
            if (size == cap) {
                cap = cap ? cap * 2 : 4096;
                if (!(data = realloc(data, cap)))
                    abort();
            }
            n = fread(data + size, 1, cap - size, f);
            size += n;
        } while (n > 0);
        fclose(f);
        LLVMFuzzerTestOneInput(data, size);
        free(data);
    }
    printf("replay: %d inputs\n", argc - 1);
    return 0;
}
