"""The inline fast paths build exactly what mistune's tokens give, or step aside."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from readme_lint.document import Document
from readme_lint.markdown import fast_inline

DOC = Document.parse("")
ALPHABET = "ab 1:,.-()[]*_`\\<>&!|/'\"é"


def assert_same_or_declined(text: str) -> None:
    fast = fast_inline(text, 3, 7)
    if fast is not None:
        assert fast == DOC.slow_inline(3, 7, text), text


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=30))
def test_random_text(text: str) -> None:
    assert_same_or_declined(text.strip())


words = st.text(alphabet="abcXYZ019 :,.-'é&!", min_size=1, max_size=20)
urls = st.text(alphabet="abc019/._-:?=#%~+é()", min_size=1, max_size=25)
labels = st.text(alphabet="abcpdfintro 9", min_size=1, max_size=8)


@settings(max_examples=400, deadline=None)
@given(words, st.one_of(st.just(""), words.map(lambda w: f" [{w}]")))
def test_titles(title: str, tail: str) -> None:
    assert_same_or_declined(f"**{title}**{tail}")


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(labels, urls), min_size=1, max_size=3), st.sampled_from([" ", "  ", ""]))
def test_paper_cells(links: list, separator: str) -> None:
    assert_same_or_declined(separator.join(f"[[{label}]({url})]" for label, url in links))


def test_fast_paths_are_taken_for_reference_cells() -> None:
    for text in (
        "**GQA: Training Generalized Multi-Query Transformer Models** [EMNLP 2023]",
        "[[pdf](https://arxiv.org/abs/2305.13245)] [[intro](https://github.com/o/r/blob/main/a/llm.int8----8/README.md)]",
        "UW, Facebook, Allen Institute",
        "2023.05",
        "",
    ):
        assert fast_inline(text, 1, 1) is not None
        assert_same_or_declined(text)
