"""Online link checking (``--check-links``): the only part of readme-lint that touches the network.

What is checked where:

* offline, in every run: link syntax (RL203), arXiv URL form and ID plausibility (RL204), and links into this
  repository -- its GitHub blob/tree URLs and relative paths -- against the working tree (RL402). Those are never
  fetched, so a pull request's new intro files count before they exist on GitHub.
* online, with ``--check-links``: every other unique http(s) URL once per run (fragment dropped), HEAD then GET,
  with per-host politeness, retries and a cache (``http``); every arXiv ID through the arXiv query API in
  batches of 100, which confirms existence and returns titles (``arxiv``). The link verdicts are gathered before
  the rules run (``service``); the online rules only read them.

Safety first (docs/security.md): every request goes through one URL policy (``policy``: one parse, one DNS
lookup, no loopback/private/link-local/multicast/reserved address unless ``--allow-private``, re-checked on each
redirect) and one bounded client (``client``: requests with a transport adapter that pins the connection to the
checked address, keep-alive per host, proxies from the environment, total time per request, the run's deadline,
a body cap); a GITHUB_TOKEN goes over https to github.com and api.github.com only. The network code is imported
only when links are checked.
"""

from __future__ import annotations

from readme_lint.links.settings import LinkSettings, parse_link_settings

__all__ = ["LinkSettings", "parse_link_settings"]
