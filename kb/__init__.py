"""A bilingual knowledge base and scripted-guidance site for contact-centre staff."""

LANGUAGES = {"en": "English", "ru": "Русский"}
DEFAULT_LANGUAGE = "en"
