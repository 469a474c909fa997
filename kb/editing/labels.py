"""Messages of this library are English msgids marked with N_; the web layer translates them."""


def N_(msgid: str) -> str:
    """Mark a string for the message catalogue; the caller translates it when shown."""
    return msgid
