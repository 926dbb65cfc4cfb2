#include "util/wording.h"

static int command_wording;

void assay_use_command_wording(void)
{
    command_wording = 1;
}

const char *assay_wording(const char *command, const char *library)
{
    return command_wording ? command : library;
}
