/* clm-parse: the tool's body is clm_parse_tool (main.c), which clm run
 * also runs in a chain. */
#include "clm_tool.h"

int
main(int argc, char **argv)
{
	return clm_parse_tool(argc, argv, clm_tool_main);
}
