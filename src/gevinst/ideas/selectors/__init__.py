"""Every read a view or the API needs about ideas, one module per page family."""
