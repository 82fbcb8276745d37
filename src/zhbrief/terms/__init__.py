"""The dictionary layer under key terms: CC-CEDICT and jieba's IDF compiled once, names, senses."""
