# Sourced by the drift cases (issue 9: one verdict in every tool).
# usage: verdicts EDIT-ID TOOL... runs each tool on in.csv (clm records)
# on its own, prints the findings it gives with that id (claim, line,
# field), and says whether every tool gave the same ones.
top=$(cd "$(dirname "$(command -v clm-scrub)")/../.." && pwd)
. "$top/testdata/code-check/fixture/index.sh"
verdicts() {
	id=$1; shift
	first=
	same=1
	for tool in "$@"; do
		case $tool in
		normalize) clm-normalize -q --report "$tool.rep" in.csv ;;
		code-check) clm-code-check -q --report "$tool.rep" in.csv ;;
		scrub) clm-scrub -q --no-ncci --no-default-rules \
		    --report "$tool.rep" in.csv ;;
		emit-837) clm-emit-837 -q --partner \
		    "$top/testdata/partner-sample.conf" --state state \
		    --report "$tool.rep" -o out.837 in.csv ;;
		esac >/dev/null 2>&1
		awk -F, -v id="$id" '$4 == id { print $1 " line " $2 " " $5 }' \
		    "$tool.rep" | sort >"$tool.ids"
		echo "$tool:"
		sed 's/^/  /' "$tool.ids"
		[ -z "$first" ] && first=$tool.ids
		cmp -s "$first" "$tool.ids" || same=0
	done
	if [ $same -eq 1 ]; then echo "$id: one verdict"; else
		echo "$id: the tools disagree"; fi
}
