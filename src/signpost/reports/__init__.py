"""What signpost tells about trees: the outline, the diagram, search, export, the
static site, the diff of two versions and the scenarios."""
