"""`python -m signpost` runs the same command as the `signpost` script."""

from signpost.cli import main

if __name__ == "__main__":
    main()
