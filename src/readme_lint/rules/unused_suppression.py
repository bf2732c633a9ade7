"""RL902 ``unused-suppression``: the rule class (its docstring is the rule doc) and the helpers only it uses."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from readme_lint.diagnostics import Applicability, Diagnostic, FixAvailability, Severity
from readme_lint.rules.base import Rule, RuleContext

if TYPE_CHECKING:
    from readme_lint.document import Document


class UnusedSuppression(Rule):
    """A suppression comment suppresses nothing (off by default, like ruff's RUF100).

    **Why:** a comment left behind after its problem was fixed would silence the next real problem on
    that line. Reported for each code that suppressed no finding, and for codes of rules not enabled.
    Found by the decision step after every other rule ran, so it sees exactly what was suppressed.

    **Example:** `|...|Google|2023.05|174| <!-- readme-lint-disable-line RL104 -->` on a row whose cells
    are padded correctly.

    **Fix:** removes the code from the comment, or the whole comment when none of its codes is used (its
    line too when the comment stands alone). Safe when every rule the code names ran in this lint; unsafe
    for codes of rules not enabled here (an online rule's code may be needed with `--check-links`), and
    for a comment line whose removal would join the lines around it (a paragraph and a table, say).
    """

    code = "RL902"
    name = "unused-suppression"
    severity = Severity.WARNING
    enabled_by_default = False
    fix_availability = FixAvailability.ALWAYS
    fix_applicability = (Applicability.SAFE, Applicability.UNSAFE)

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        return iter(())  # the decision step reports it (decide.Decider), once suppressions were applied


RULES: tuple[type[Rule], ...] = (UnusedSuppression,)
