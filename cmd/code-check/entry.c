/* clm-code-check: the tool's body is clm_code_check_tool (main.c), which clm run
 * also runs in a chain. */
#include "clm_tool.h"

int
main(int argc, char **argv)
{
	return clm_code_check_tool(argc, argv, clm_tool_main);
}
