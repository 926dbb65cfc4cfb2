/* The floor of the benchmark (scripts/bench): read JSON Lines and parse
 * each line with cJSON, then free it; nothing else. No evaluator that
 * parses with cJSON can go faster. Prints the number of lines parsed and
 * of lines that failed to parse. */
#include <stdio.h>
#include <stdlib.h>

#include <cjson/cJSON.h>

int main(int argc, char **argv)
{
    FILE *in = argc > 1 ? fopen(argv[1], "rb") : stdin;
    if (!in) {
        perror(argv[1]);
        return 2;
    }
    char *line = NULL;
    size_t cap = 0, parsed = 0, failed = 0;
    ssize_t n;
    while ((n = getline(&line, &cap, in)) > 0) {
        cJSON *root = cJSON_ParseWithLength(line, (size_t)n);
        if (root)
            parsed++;
        else
            failed++;
        cJSON_Delete(root);
    }
    printf("%zu parsed, %zu failed\n", parsed, failed);
    free(line);
    if (in != stdin)
        fclose(in);
    return 0;
}
