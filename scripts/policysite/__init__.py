"""Bilingual privacy-policy site generator: sources, checks, versions and rendering."""

# typing.TYPE_CHECKING without importing typing, some 3 ms of every command's start-up (the checker
# of the real content takes about 70): type checkers take any name TYPE_CHECKING to be true.
TYPE_CHECKING = False
