"""pslark.grammar."""
