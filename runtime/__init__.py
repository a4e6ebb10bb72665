"""pslark.runtime."""
