#!/usr/bin/env bash
# Checks that the build is reproducible: clones the current commit twice, into two different folders, builds each
# from clean (`./mvnw -B -q -o package -DskipTests`) and compares the archive
# and every jar byte for byte. Prints one sha256 per file and exits 1 naming the first file that differs.
#
#   bench/reproducible.sh [COMMIT]      (default: HEAD; uncommitted changes are not built)
#
# Not part of `./mvnw verify`: it needs two full builds. MVN_OPTS_EXTRA adds Maven options.
set -euo pipefail
cd "$(dirname "$0")/.."

commit=$(git rev-parse "${1:-HEAD}")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

build() {
  local dir=$1
  git clone -q --no-checkout . "$dir"
  git -C "$dir" checkout -q "$commit"
  (cd "$dir" && ./mvnw -B -q -o ${MVN_OPTS_EXTRA:-} package -DskipTests)
}

# The second build starts a build's length after the first, in another folder: neither clock nor path may show.
build "$work/first"
build "$work/second"

status=0
while IFS= read -r file; do
  first=$(sha256sum <"$work/first/$file" | cut -d' ' -f1)
  second=$(sha256sum <"$work/second/$file" 2>/dev/null | cut -d' ' -f1 || true)
  if [ "$first" = "$second" ]; then
    echo "$first  $file"
  else
    echo "differs: $file ($first, then ${second:-missing})" >&2
    status=1
  fi
done < <(cd "$work/first" && find . -path '*/target/*' \( -name '*.tar.gz' -o -name '*.jar' \) \
           -not -path '*/archive-tmp/*' | sort)
[ "$status" = 0 ] && echo "reproducible: $commit"
exit "$status"
