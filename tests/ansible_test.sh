#!/usr/bin/env bash
# ansible-test sanity and units from a copy of the checkout under
# <tmp>/ansible_collections/kafkasec/platform (ansible-test rejects a symlinked collection root).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin="$root/.venv/bin"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dest="$work/ansible_collections/kafkasec/platform"
mkdir -p "$dest"
(cd "$root" && git ls-files -co --exclude-standard -z | xargs -0 cp --parents -t "$dest")
(cd "$dest" && git init -q && git add -A)  # ansible-test lists files through git

# Offline pip bootstrap for the virtual environments ansible-test creates (see get_pip_standin.py).
pip_version=$("$bin/python" - <<'PY'
import re, ansible_test, os
src = open(os.path.join(os.path.dirname(ansible_test.__file__), '_internal', 'python_requirements.py')).read()
print(re.search(r"pip='([0-9.]+)'", src).group(1))
PY
)
cache="$HOME/.ansible/test/cache/get_pip_${pip_version//./_}.py"
mkdir -p "$(dirname "$cache")"
cp "$root/tests/tools/get_pip_standin.py" "$cache"

cd "$dest"
export PATH="$bin:$PATH"
ansible-test sanity --python 3.11 --requirements --color no "$@"
ansible-test units --python 3.11 --requirements --color no "$@"
