"""Chinese to English: engines, the cache-first driver, devices, quality flags, packages."""
