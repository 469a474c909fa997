"""What the tests and the benchmarks share: the app's processes (`server`), an HTTP client that
keeps cookies (`client`), a throw-away PostgreSQL server (`postgres`) and a synthetic corpus
(`corpus`, from the words in `lexicon` and the page shapes in `templates`). Neither the tests nor
the benchmarks import from each other; both import from here."""
