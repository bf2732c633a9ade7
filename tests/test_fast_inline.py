"""The inline fast paths build exactly what mistune's tokens give, or step aside."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from readme_lint.document import Document
from readme_lint.markdown import fast_inline

DOC = Document.parse("")
# Reference definitions for labels the cells below may use: the fast paths must still agree with mistune.
WITH_REFS = Document.parse("[a]: https://a.example\n[pdf]: https://pdf.example\n[b 1]: /b\n[emnlp 2023]: /e\n")
ALPHABET = "ab 1:,.-()[]*_`\\<>&!|/'\"é"


def assert_same_or_declined(text: str) -> None:
    fast = fast_inline(text, 3, 7)
    if fast is not None:
        assert fast == DOC.slow_inline(3, 7, text), text
    fast = fast_inline(text, 3, 7, references=True)
    if fast is not None:
        assert fast == WITH_REFS.slow_inline(3, 7, text), text


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=30))
def test_random_text(text: str) -> None:
    assert_same_or_declined(text.strip())


words = st.text(alphabet="abcXYZ019 :,.-'é&!", min_size=1, max_size=20)
urls = st.text(alphabet="abc019/._-:?=#%~+é()", min_size=1, max_size=25)
labels = st.text(alphabet="abcpdfintro 9", min_size=1, max_size=8)
venues = st.sampled_from(["a", "b 1", "EMNLP 2023", "pdf", "ICLR 2024"])


@settings(max_examples=400, deadline=None)
@given(words, st.one_of(st.just(""), words.map(lambda w: f" [{w}]")))
def test_titles(title: str, tail: str) -> None:
    assert_same_or_declined(f"**{title}**{tail}")


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(labels, urls), min_size=1, max_size=3), st.sampled_from([" ", "  ", ""]))
def test_paper_cells(links: list, separator: str) -> None:
    assert_same_or_declined(separator.join(f"[[{label}]({url})]" for label, url in links))


@settings(max_examples=200, deadline=None)
@given(words, venues)
def test_venue_tails_that_may_be_references(title: str, venue: str) -> None:
    assert_same_or_declined(f"**{title}** [{venue}]")


@settings(max_examples=400, deadline=None)
@given(words, urls, st.sampled_from(["", "**", "*", "__"]), st.sampled_from(["", "**", " "]))
def test_one_link_cells(label: str, url: str, opening: str, closing: str) -> None:
    assert_same_or_declined(f"{opening}[{label}]({url}){closing}")


def test_fast_paths_are_taken_for_reference_cells() -> None:
    for text in (
        "**GQA: Training Generalized Multi-Query Transformer Models** [EMNLP 2023]",
        "[[pdf](https://arxiv.org/abs/2305.13245)] [[intro](https://github.com/o/r/blob/main/a/llm.int8----8/README.md)]",
        "UW, Facebook, Allen Institute",
        "2023.05",
        "",
        "[2605.13741](http://arxiv.org/abs/2605.13741)",  # cv-arxiv-daily's paper and code cells
        "**[link](https://github.com/shahram95/superpointslam3)**",
        "[Don't Let It Hallucinate: Premise Verification?](https://arxiv.org/abs/2504.06438)",
    ):
        assert fast_inline(text, 1, 1) is not None
        assert_same_or_declined(text)
