"""New articles from feeds, sitemaps and URL lists into the input folder (`zhbrief fetch`)."""
