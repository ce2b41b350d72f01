/* clm-scrub: the tool's body is clm_scrub_tool (main.c), which clm run
 * also runs in a chain. */
#include "clm_tool.h"

int
main(int argc, char **argv)
{
	return clm_scrub_tool(argc, argv, clm_tool_main);
}
