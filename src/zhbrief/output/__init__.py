"""Brief → Markdown, HTML pages, Atom feed and digests (pure), and atomic, safe file writes."""
