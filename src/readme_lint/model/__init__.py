"""The list model's parts, one job each; :mod:`readme_lint.listmodel` is the public face that builds it."""
