"""Telegram handlers, one module per area; thin: parse -> one Dialog call -> render -> send."""
