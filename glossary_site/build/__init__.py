"""The build: the pipeline declared in one place, the one cache, the steps' use of it,
and the site's URLs."""
