"""``readme-lint citations``: refresh every Citation cell, and each refreshed section's update note, from an
open scholarly API (Semantic Scholar's Graph API in batches of 500, or OpenAlex).

The modules, in the order a run uses them: ``settings`` (the ``[citations]`` table and the environment),
``ids`` (which paper a row names: arXiv ID or DOI), ``cache`` (counts already fetched, so a run resumes),
``sources`` (the two APIs, through the link checker's HTTP client and URL policy), ``numbers`` (the column's
own number format), ``order`` (tables sorted by citations stay sorted), ``notes`` (the update note in its own
date style, and what the run says about sources), ``refresh`` (the plan, computed before anything is
written), ``outcome`` (its results per row and section) and ``report`` (the summary a maintainer reads, or
pastes into a pull request).
"""
