"""The walk: the state of one walk through a tree, every route through a tree, and
the plan at the end."""
