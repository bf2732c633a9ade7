"""Run the enabled rules over a Document, then hand every finding to the one decision step (``decide``).

Row rules (``rules.base.RowRule``: cells, links, dates, intro links, citations ...) run together in ONE loop
over the document's tables and rows (``run_rows``), each table's per-section options (``[sections."X".rules.
RL204]``) resolved once per table. Whole-list rules (order, duplicates, ToC ...) each get the model once; for
them per-section options are applied by running a rule with overrides for a section once more with them, that
run's findings inside the section replacing the first run's there.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from readme_lint.config import Config
from readme_lint.decide import Decider, Selection, enabled_rules, settle
from readme_lint.diagnostics import Diagnostic, FixAvailability
from readme_lint.document import Document
from readme_lint.listmodel import ListModel, build_list_model
from readme_lint.rules import Rule, RuleContext
from readme_lint.rules.base import RowRule, run_rows
from readme_lint.source import SourceText

__all__ = ["Linter", "Selection", "enabled_rules"]


class Linter:
    """Lints texts with one config and one rule selection; reusable across files and fixer passes."""

    def __init__(
        self,
        config: Config,
        rules: Sequence[type[Rule]],
        file_path: Path | None = None,
        today: dt.date | None = None,
        links: Any = None,
        changed_lines: set[int] | None = None,
        baseline: Any = None,
    ) -> None:
        self.config = settle(config)  # its rule tables keyed by code (a no-op for a config already settled)
        self.changed_lines = changed_lines
        self.rules = rules
        self.file_path = file_path
        self.today = today or dt.date.today()
        self.links = links
        self.decider = Decider(config, rules, changed_lines, baseline)
        self.unjudged: set[str] = set()  # files whose links into the repository were not judged (no git)

    def lint(self, doc: Document) -> list[Diagnostic]:
        return self.lint_staged(doc, staged=False)[1]()

    def lint_staged(
        self, doc: Document, staged: bool = True
    ) -> tuple[list[Diagnostic] | None, Callable[[], list[Diagnostic]]]:
        """The findings of the rules whose findings can carry fixes, and a function that completes the lint.

        For the fixer: a pass whose fixes are applied throws its findings away, so it need not run the rules
        that never propose one (RL105, RL205, RL303, RL402, RL404, RL405: a fifth of a 100,000-row lint).
        The completion runs the others on the same Document and model and decides everything as ``lint``
        does, byte for byte. Only without suppression comments (``readme-lint-``): the unused-suppression
        step (RL902, a fix) needs every rule's findings, so then the first list is None and the completion
        is the whole lint.
        """
        cache: dict[Any, Any] = {}  # this run's derived values, keyed by function and arguments
        model = build_list_model(doc, self.config)
        workspace = self.workspace(doc)
        facts = self._link_facts(doc, cache, model, workspace)
        found: dict[type[Rule], list[Diagnostic]] = {}

        def run(rules: Sequence[type[Rule]]) -> list[Diagnostic]:
            pending = [rule_class for rule_class in rules if rule_class not in found]
            found.update(self.run_rules(doc, pending, cache, model, facts, workspace))
            return self.decider.decide(doc, [d for rule_class in rules for d in found[rule_class]])

        def complete() -> list[Diagnostic]:
            return run(self.rules)

        if not staged or "readme-lint-" in doc.source.text:
            return None, complete
        return run([rule for rule in self.rules if rule.fix_availability is not FixAvailability.NONE]), complete

    def run_rules(
        self,
        doc: Document,
        rules: Sequence[type[Rule]],
        cache: dict[Any, Any],
        model: ListModel,
        facts: Any = None,
        workspace: Any = None,
    ) -> dict[type[Rule], list[Diagnostic]]:
        """Each rule's raw findings: the row rules' from one shared loop over the rows, then each whole-list rule's
        ``check`` (with its per-section reruns). Each rule's findings are in the order its own ``check`` gives."""
        contexts = {rule_class: self.context(rule_class, cache, model, facts, workspace) for rule_class in rules}
        row_rules = [rule_class for rule_class in rules if issubclass(rule_class, RowRule)]
        by_rows = run_rows(doc, model, [(rule_class(), contexts[rule_class]) for rule_class in row_rules])
        found: dict[type[Rule], list[Diagnostic]] = dict(zip(row_rules, by_rows))
        for rule_class in rules:
            if rule_class not in found:
                raw = list(rule_class().check(doc, contexts[rule_class]))
                found[rule_class] = self._with_section_options(doc, rule_class, contexts[rule_class], raw)
        return {rule_class: found[rule_class] for rule_class in rules}

    def lint_text_staged(
        self, source: SourceText, path: str = "README.md"
    ) -> tuple[Document, list[Diagnostic] | None, Callable[[], list[Diagnostic]]]:
        """``lint_staged`` of a text: what the fixer's passes call."""
        doc = Document.parse(source, path)
        return (doc, *self.lint_staged(doc))

    def workspace(self, doc: Document) -> Any:
        """The working-tree facts, gathered once before the rules run -- only when a selected rule reads them."""
        needing = [rule for rule in self.rules if rule.needs_workspace]
        if not needing:
            return None
        from readme_lint.workspace import gather

        labels = {self.context(rule).options["label"] for rule in needing if "label" in rule.options}
        found = gather(doc, self.config, self.file_path, labels or {"intro"}, self.config.root)
        if found is not None and found.root is None and self.file_path is not None:
            links = (link.target for link in doc.links() if link.kind == "link")
            if any(found.points_into_repository(target) for target in links):
                self.unjudged.add(doc.path)  # intro links the working-tree rules could not judge: no git
        return found

    def _link_facts(self, doc: Document, cache: dict[Any, Any], model: ListModel, workspace: Any) -> Any:
        """The link verdicts for ``doc``, fetched once before any rule runs; None unless an online rule is on."""
        online = [rule for rule in self.rules if rule.online]
        if self.links is None or not online:
            return None
        from readme_lint.rules._online import link_targets

        targets = link_targets(doc, self.context(online[0], cache, model, workspace=workspace))
        return self.links.report([url for _, url in targets.pairs], targets.identifiers)

    def lint_text(self, source: SourceText | str, path: str = "README.md") -> tuple[Document, list[Diagnostic]]:
        doc = Document.parse(source, path)
        return doc, self.lint(doc)

    def context(
        self,
        rule_class: type[Rule],
        cache: dict[Any, Any] | None = None,
        model: ListModel | None = None,
        links: Any = None,
        workspace: Any = None,
    ) -> RuleContext:
        """The context ``rule_class`` runs in; ``links``: the link verdicts gathered for this document."""
        options = {name: option.default for name, option in rule_class.options.items()}
        options.update(self.config.rule_options.get(rule_class.code, {}))
        section_options = {
            title: {**options, **section.rules[rule_class.code]}
            for title, section in self.config.sections.items()
            if rule_class.code in section.rules
        }
        return RuleContext(
            config=self.config,
            options=options,
            section_options=section_options,
            file_path=self.file_path,
            root=self.config.root,
            today=self.today,
            cache=cache,
            links=links,
            changed_lines=self.changed_lines,
            model=model,
            workspace=workspace,
        )

    def _with_section_options(
        self, doc: Document, rule_class: type[Rule], context: RuleContext, found: list[Diagnostic]
    ) -> list[Diagnostic]:
        """Findings inside a section with its own options for this whole-list rule come from a run with those
        options (a row rule reads them per table instead: ``TableVisit.options``)."""
        if not context.section_options:
            return found
        for section in doc.sections:
            options = context.section_options.get(section.title.casefold()) if section.heading else None
            if options is None:
                continue
            start, end = section.start_line, section.end_line
            inside = context.with_options(options)
            found = [d for d in found if not start <= d.line <= end]
            found.extend(d for d in rule_class().check(doc, inside) if start <= d.line <= end)
        return found
