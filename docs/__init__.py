"""idguard's documentation, shipped in the package so `idguard init` can point to it after a pip install."""
