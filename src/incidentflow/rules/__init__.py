"""Every rule over incident files, one module per family, and running them."""
