"""The container's HEALTHCHECK: `python -m bluegreen_app.healthcheck` exits 0 when /healthz answers 200.

Uses only the standard library, because the slim base image has no curl or wget.
"""

from __future__ import annotations

import os
import sys
import urllib.error
import urllib.request
from typing import Mapping, Optional

from .factory import LIVENESS_PATH


def check(environ: Optional[Mapping[str, str]] = None, timeout: float = 3.0) -> Optional[str]:
    """Returns None when the app on 127.0.0.1:$PORT (default 8080) is healthy, else what is wrong."""
    env = os.environ if environ is None else environ
    url = f"http://127.0.0.1:{env.get('PORT') or '8080'}{LIVENESS_PATH}"
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            if response.status == 200:
                return None
            return f"{url} answered {response.status}"
    except urllib.error.HTTPError as error:
        return f"{url} answered {error.code}"
    except (urllib.error.URLError, OSError, ValueError) as error:
        return f"{url} did not answer: {getattr(error, 'reason', error)}"


def main() -> int:
    problem = check()
    if problem is not None:
        print(f"unhealthy: {problem}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
