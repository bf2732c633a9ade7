"""Values derived from a document once per lint run, for every rule that needs them.

A rule run's cache lives in its RuleContext (one dict per lint of one text). ``per_run`` keys each value by
the function that computes it and the arguments it was called with -- never by a name the callers share --
and hands the function a context without rule options, so no rule's options or order can change it.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from readme_lint.document import Document
    from readme_lint.rules.base import RuleContext

_Derived = TypeVar("_Derived")


def per_run(function: Callable[..., _Derived]) -> Callable[..., _Derived]:
    """Compute ``function(doc, ctx, *args)`` once per lint run and per distinct ``args``.

    The function sees the run, never a rule's options (its context has none), so which rule asks first
    cannot change the answer.
    """

    @functools.wraps(function)
    def cached(doc: Document, ctx: RuleContext, *args: Any) -> _Derived:
        key = (cached, args)
        if key not in ctx.cache:
            ctx.cache[key] = function(doc, ctx.with_options({}), *args)
        return ctx.cache[key]

    return cached
