"""The real-corpus benchmark (`make bench-real`): our search against plain lunr on real pages."""
