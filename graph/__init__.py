"""The repository model: discovery, parsing, import resolution, the index and the file graph.

This layer knows nothing about tasks, tokens prices or output; what it needs from above (a
token counter, a progress callback) is passed in.
"""
