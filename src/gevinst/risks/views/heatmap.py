"""Placeholder module: its owner fills it (issue 5 work in progress)."""

urlpatterns: list = []
