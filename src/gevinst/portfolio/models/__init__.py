"""Portfolio and governance models, one module per register."""

from gevinst.portfolio.models.dependencies import Dependency
from gevinst.portfolio.models.gates import ChecklistItem, ChecklistTemplateItem, GateDecision
from gevinst.portfolio.models.imports import ImportJob
from gevinst.portfolio.models.initiatives import RAG, Initiative, Phase
from gevinst.portfolio.models.logs import LogEntry
from gevinst.portfolio.models.money import MoneyYear
from gevinst.portfolio.models.overview import SavedView
from gevinst.portfolio.models.programmes import Programme
from gevinst.portfolio.models.reports import DIMENSIONS, StatusReport

__all__ = [
    "RAG", "Initiative", "Phase", "Programme", "ChecklistItem", "ChecklistTemplateItem",
    "GateDecision", "MoneyYear", "DIMENSIONS", "StatusReport", "LogEntry", "Dependency",
    "SavedView", "ImportJob",
]
