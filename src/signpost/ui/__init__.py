"""The terminal screens: the prompts, the session and the rich renderings."""
