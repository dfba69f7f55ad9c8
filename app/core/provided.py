"""A function a lower layer calls but a layer above it implements (dependency inversion).

The import contract (pyproject.toml, `make lint`) lets a package import only the layers below
it. Where a lower layer must show a fact that a higher one owns (the classes of the logged-in
user on /auth/me, a provider's Kommune, whether an interest profile is shared), it declares a
`Provided` and the app factory hands the implementation down once (`app/wiring.py`). Calling it
before that is a programming error, not a silent "no data".
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


class Provided:
    def __init__(self, what: str) -> None:
        self.what = what
        self._implementation: Callable[..., Any] | None = None

    def provide(self, implementation: Callable[..., Any]) -> None:
        self._implementation = implementation

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        if self._implementation is None:
            raise RuntimeError(f"not wired: {self.what} (create the app first, app/wiring.py)")
        return self._implementation(*args, **kwargs)
