# Shared start of the example scripts (sourced, not run): options, the hull binary, the work folder.
# Expects: `here` (the example's folder) and `help_lines` (the sed range of the script's usage comment).
# Sets: registry, path, work (absolute, the current directory afterwards), PATH with `hull` first,
# HULL_CONFIG_DIR and HULL_CACHE_DIR inside the work folder.
registry=""
path=""
work=""
while [ $# -gt 0 ]; do
  case "$1" in
    --registry) registry=${2:?--registry needs HOST}; shift 2 ;;
    --work) work=${2:?--work needs DIR}; shift 2 ;;
    --path) path=${2:?--path needs PATH}; shift 2 ;;
    -h|--help) sed -n "${help_lines}p" "$0"; exit 0 ;;
    *) echo "run.sh: unknown argument '$1'" >&2; exit 2 ;;
  esac
done

# The binary shows as `hull` in the printed commands.
hull_bin=${HULL:-$(command -v hull || echo "$here/../../artifacts/bin/hull")}
[ -x "$hull_bin" ] || { echo "run.sh: no hull binary at $hull_bin (run scripts/publish.sh)" >&2; exit 1; }
bindir=$(mktemp -d)
ln -s "$(realpath "$hull_bin")" "$bindir/hull"
export PATH="$bindir:$PATH"

work=${work:-$(mktemp -d)}
mkdir -p "$work"
work=$(realpath "$work")
# The work folder's copies of the example's sources are replaced on each run: never the originals.
[ "$work" != "$here" ] || { echo "run.sh: --work must not be the example folder itself" >&2; exit 2; }
trap 'rm -rf "$bindir"' EXIT
# Hull's list of named repositories and its bundle cache stay inside the work folder.
export HULL_CONFIG_DIR=$work/config HULL_CACHE_DIR=$work/cache
cd "$work"
