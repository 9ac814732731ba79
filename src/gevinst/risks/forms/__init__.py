"""Forms of the risk register (risks.py) and of the risk appetite (appetite.py)."""
