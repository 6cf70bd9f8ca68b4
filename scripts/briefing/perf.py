"""Keeping a build linear: the cyclic garbage collector paused while a build allocates."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
T = TypeVar("T")


@contextmanager
def paused_gc() -> Iterator[None]:
    """Loading and rendering allocate millions of small acyclic objects (YAML nodes, strings);
    each full collection rescans them all, which made large builds quadratic. Reference
    counting still frees them; the collector resumes afterwards."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def without_gc(function: Callable[P, T]) -> Callable[P, T]:
    """Run `function` with the cyclic collector paused."""

    @wraps(function)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> T:
        with paused_gc():
            return function(*args, **kwargs)

    return wrapper
