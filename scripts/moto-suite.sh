#!/usr/bin/env bash
# Runs moto's own IAM test suite (tests/test_iam of a moto checkout) against `msw-iam serve`, in
# moto's server mode, as a probe of what msw-iam answers that moto's tests expect. moto's tests
# assert moto's behaviour, which is not always AWS's: a failure is a lead to check against the
# recordings in test/recorded/aws/, not a bug by itself.
#
#   scripts/moto-suite.sh <moto checkout> [pytest arguments…]
#
# Needs a Python with moto, boto3 and pytest installed (the one first on PATH), and `npm run build`.
# Not part of `npm test`: moto is not a dependency of this project.
set -euo pipefail
moto=${1:?usage: scripts/moto-suite.sh <moto checkout> [pytest arguments…]}
shift
here=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'kill "${server:-}" 2>/dev/null || true; rm -rf "$work"' EXIT

mkdir -p "$work/tests" "$work/shim/freezegun"
cp -r "$moto/tests/__init__.py" "$moto/tests/conftest.py" "$moto/tests/test_iam" "$work/tests/"
# moto's server mode resets through /moto-api/reset; msw-iam's admin route is /_msw-iam/reset.
cat >>"$work/tests/conftest.py" <<'PY'


def _msw_iam_reset(self):
    import os

    import requests

    requests.post(os.environ["TEST_SERVER_MODE_ENDPOINT"] + "/_msw-iam/reset")


from moto.core.models import ServerModeMockAWS  # noqa: E402

ServerModeMockAWS.reset = _msw_iam_reset
PY
# Some test modules import freezegun; time is not frozen across processes anyway.
cat >"$work/shim/freezegun/__init__.py" <<'PY'
import contextlib


@contextlib.contextmanager
def freeze_time(*args, **kwargs):
    yield
PY

port=${MSW_IAM_PORT:-4577}
# This checkout's build, with the pinned Node (node_modules/.bin/node, the `node` devDependency).
"$here/node_modules/.bin/node" "$here/dist/cli.js" serve --port "$port" >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 50); do
  curl -fs -X POST "http://127.0.0.1:$port/_msw-iam/reset" >/dev/null && break
  sleep 0.2
done

cd "$work"
PYTHONPATH="$work/shim" TEST_SERVER_MODE=true TEST_SERVER_MODE_ENDPOINT="http://127.0.0.1:$port" \
  AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY \
  python3 -m pytest -q -p no:cacheprovider tests/test_iam -k "not cloudformation" "$@"
