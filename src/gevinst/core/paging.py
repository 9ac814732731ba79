"""Pages of long lists."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.utils.functional import cached_property


class CountedPaginator(Paginator):
    """A paginator that counts with a lean query of its own.

    The rows of a list often join related tables for the columns they show; counting them
    needs none of that. ``count_queryset`` is the same filter without the joins.
    """

    def __init__(self, object_list, per_page, *, count_queryset: QuerySet, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self._count_queryset = count_queryset

    @cached_property
    def count(self) -> int:
        return self._count_queryset.order_by().count()
