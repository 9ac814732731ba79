"""Every write to ideas (``do_*`` functions), one module per concern."""
