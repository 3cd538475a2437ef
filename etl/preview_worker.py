"""`python -m etl.preview_worker`: one upload previewed in a process of its own (see `etl.preview.preview_isolated`):
the request pickled on stdin, the Preview pickled on stdout, under an address-space limit."""

from __future__ import annotations

import pickle
import resource
import sys

from etl.preview import preview_upload


def main() -> None:
    request = pickle.loads(sys.stdin.buffer.read())  # noqa: S301 — sent by preview_isolated, this process's parent
    limit = request["address_space_mb"] * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    preview = preview_upload(
        request["name"], request["raw"], max_bytes=request["max_bytes"], metadata=request.get("metadata")
    )
    sys.stdout.buffer.write(pickle.dumps(preview))
    sys.stdout.buffer.flush()


if __name__ == "__main__":
    main()
