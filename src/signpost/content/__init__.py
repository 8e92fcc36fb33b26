"""The content: YAML read with positions, the one description of a tree, the typed
model built from it, the library of trees, the source documents and the glossary."""
