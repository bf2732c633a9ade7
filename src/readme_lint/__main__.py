"""``python -m readme_lint`` works like the ``readme-lint`` command."""

from readme_lint.cli import entry_point

if __name__ == "__main__":
    entry_point()
