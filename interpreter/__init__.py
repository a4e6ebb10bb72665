"""pslark.interpreter."""
