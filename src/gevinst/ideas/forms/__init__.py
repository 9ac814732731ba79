"""Forms of the idea pages: staff's (forms/staff.py) and the portfolio office's
(forms/pmo.py)."""
