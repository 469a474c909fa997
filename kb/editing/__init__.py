"""Editing articles in the browser, as a library: drafts, revisions, diffs, merges, publishing
to the articles folder, moves and redirects, images and the audit trail. No web framework here."""
