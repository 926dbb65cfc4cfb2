/* How a message tells its reader to change a setting. The same setting is
 * an option of the assay command (--lua-memory) and a function of the
 * library (assay_engine_set_lua_limits); libassay speaks of its functions
 * unless the program is the command, which says so once at startup. */
#ifndef ASSAY_WORDING_H
#define ASSAY_WORDING_H

/* Makes assay_wording choose the command's text from now on. Only the
 * assay command calls it, before it starts threads. */
void assay_use_command_wording(void);

/* command when the program is the assay command, else library. */
const char *assay_wording(const char *command, const char *library);

#endif
