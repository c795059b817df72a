"""spinefoot: how a problem in the lower back causes pain in the leg and foot."""
