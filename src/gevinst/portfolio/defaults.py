"""The default phase model and its checklists, aligned with the Norwegian Prosjektveiviseren
(Digdir's project guide): Idea → Concept → Planning → Execution → Closing → Realisation →
Closed, with a decision point (DP1..DP6) between consecutive phases.

Each phase's checklist is what the decision point at the end of the phase asks: an
initiative cannot leave the phase while one of its mandatory items is still open.
Organisations change all of this in their settings; this is only where they start.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class DefaultItem:
    text: str | Promise
    guidance: str | Promise
    mandatory: bool = False


@dataclass(frozen=True)
class DefaultPhase:
    key: str
    description: str | Promise
    work_in_progress: bool
    checklist: tuple[DefaultItem, ...]


M = True  # mandatory

PHASES: tuple[DefaultPhase, ...] = (
    DefaultPhase(
        "idea",
        _("A need or an opportunity is described well enough to decide whether it is worth "
          "exploring. The first decision point (DP1) decides whether to start a concept "
          "study."),
        False,
        (
            DefaultItem(_("The problem is described and evidenced"),
                        _("Who has the problem, how big is it and how do we know? Refer to "
                          "figures, complaints, audits or user research."), M),
            DefaultItem(_("An owner in the line organisation is named"),
                        _("The leader who wants the change and will answer for the benefits."),
                        M),
            DefaultItem(_("The expected benefits are outlined"),
                        _("For citizens, employees and the organisation; rough figures are "
                          "enough at this stage.")),
            DefaultItem(_("The idea fits the organisation's strategy and goals"),
                        _("Name the goals or targets the initiative would contribute to.")),
            DefaultItem(_("Similar solutions elsewhere are checked"),
                        _("Other municipalities, national common components, KS or the "
                          "supplier market may already have solved this.")),
            DefaultItem(_("Resources for the concept phase are agreed"),
                        _("Who works on the concept study, for how long and at what cost."),
                        M),
        ),
    ),
    DefaultPhase(
        "concept",
        _("The need, the alternatives and their costs and benefits are analysed so that the "
          "right solution can be chosen. DP2 decides whether to plan the initiative."),
        False,
        (
            DefaultItem(_("Needs and objectives are analysed"),
                        _("Target state for the citizen, effect goals and result goals."), M),
            DefaultItem(_("Alternatives are compared, including the zero alternative"),
                        _("Describe at least two real alternatives and what happens if "
                          "nothing is done."), M),
            DefaultItem(_("A benefits owner is named"),
                        _("The line manager who will realise the benefits after delivery."),
                        M),
            DefaultItem(_("Benefits are described and measurable, with baselines"),
                        _("Each benefit has an indicator, a baseline measured today and a "
                          "target value with a date."), M),
            DefaultItem(_("A cost estimate and a funding proposal exist"),
                        _("Investment, operating costs and internal hours over the whole "
                          "lifetime.")),
            DefaultItem(_("Stakeholders are analysed"),
                        _("Who is affected, who decides, who must be involved and how.")),
            DefaultItem(_("Employee representatives and safety delegates are informed"),
                        _("Changes to how people work are discussed with unions and safety "
                          "delegates early, as the working environment act and the basic "
                          "agreement require.")),
            DefaultItem(_("Main risks are identified"),
                        _("Including risks for the benefits, not only for the delivery.")),
            DefaultItem(_("Privacy and information security are assessed at a high level"),
                        _("Which personal data are processed, and is a data protection "
                          "impact assessment (DPIA) needed?")),
        ),
    ),
    DefaultPhase(
        "planning",
        _("The chosen solution is planned: scope, schedule, organisation, budget, "
          "procurement and the benefits realisation plan. DP3 decides whether to start "
          "execution."),
        True,
        (
            DefaultItem(_("The project plan and organisation are approved"),
                        _("Scope, milestones, roles, steering group and decision powers."), M),
            DefaultItem(_("The budget is approved and funded"),
                        _("Funding is decided in the budget or by the responsible body."), M),
            DefaultItem(_("A benefits realisation plan is agreed with the benefits owner"),
                        _("Who realises which benefit, when, and how it is measured."), M),
            DefaultItem(_("Risks are assessed and within the risk appetite"),
                        _("Each major risk has an owner and a response."), M),
            DefaultItem(_("A data protection impact assessment (DPIA) is done where required"),
                        _("Required when processing is likely to result in a high risk to "
                          "people's rights and freedoms (GDPR article 35)."), M),
            DefaultItem(_("Information security risk is assessed"),
                        _("Confidentiality, integrity and availability; the security "
                          "requirements go into the procurement.")),
            DefaultItem(_("Architecture and data sharing are clarified"),
                        _("Integrations, national common components, data that can be "
                          "reused and agreements for sharing data.")),
            DefaultItem(_("The procurement strategy is decided"),
                        _("Procurement rules, framework agreements, contract standard "
                          "(e.g. SSA) and the timeline.")),
            DefaultItem(_("Employee representatives are involved in the plan"),
                        _("The change for employees and the training need are discussed.")),
            DefaultItem(_("A communication plan exists"),
                        _("Who is told what and when, inside and outside the organisation.")),
        ),
    ),
    DefaultPhase(
        "execution",
        _("The solution is procured, built or configured, tested and put into use, and the "
          "organisation prepares for the change. DP4 decides whether the delivery can be "
          "accepted and the initiative closed."),
        True,
        (
            DefaultItem(_("The contract is signed and the supplier is following up"),
                        _("Only where something is procured.")),
            DefaultItem(_("The solution is tested and accepted"),
                        _("Acceptance test passed with the users; remaining defects "
                          "are known and accepted."), M),
            DefaultItem(_("Privacy and security measures are implemented"),
                        _("The measures from the DPIA and the security assessment are in "
                          "place; the processing is recorded in the register of processing "
                          "activities."), M),
            DefaultItem(_("The line organisation is ready and trained"),
                        _("Routines are changed, users trained and support organised."), M),
            DefaultItem(_("Operation and management of the solution are agreed"),
                        _("Who owns, operates and develops the solution after the project.")),
            DefaultItem(_("Baseline measurements for the benefits are taken"),
                        _("Measure before the change takes effect, so the benefits can be "
                          "shown later."), M),
            DefaultItem(_("Risks and changes are followed up"),
                        _("Risk register and change log kept up to date.")),
        ),
    ),
    DefaultPhase(
        "closing",
        _("The project is wound up: the delivery is handed over, the benefits are handed to "
          "the line and experience is recorded. DP5 decides whether the project can be "
          "closed and benefits realisation begin."),
        True,
        (
            DefaultItem(_("The solution is handed over to operation and management"),
                        _("Documentation, agreements and responsibilities are handed over."),
                        M),
            DefaultItem(_("The benefits are handed over to the line"),
                        _("The benefits owner confirms responsibility for realising them."),
                        M),
            DefaultItem(_("Measurements of the benefits are agreed"),
                        _("Indicators, frequency and who reports, for the coming years."), M),
            DefaultItem(_("The final report is written"),
                        _("Result against goals, schedule and budget, with deviations.")),
            DefaultItem(_("Lessons learned are recorded"),
                        _("What went well and what should be done differently, in the "
                          "log so others can learn from it."), M),
            DefaultItem(_("Project resources are released"),
                        _("People, rooms, accounts and contracts that are no longer "
                          "needed.")),
        ),
    ),
    DefaultPhase(
        "realisation",
        _("The line organisation realises the benefits and measures them against the "
          "baselines. DP6 decides that the benefits are realised (or no longer followed) and "
          "closes the initiative."),
        False,
        (
            DefaultItem(_("Benefits are measured against the baselines"),
                        _("Measurements are recorded as agreed."), M),
            DefaultItem(_("Deviations from planned benefits are followed up"),
                        _("Causes are found and measures taken where benefits lag.")),
            DefaultItem(_("Freed-up capacity is put to use"),
                        _("Time and money freed up are used for something decided, or "
                          "taken out of the budget.")),
            DefaultItem(_("The benefits owner reports on the benefits realised"),
                        _("A short report to the owner of the portfolio."), M),
            DefaultItem(_("Experience from realisation is recorded"),
                        _("What helped or hindered realising the benefits.")),
        ),
    ),
    DefaultPhase(
        "closed",
        _("The initiative is finished. Its records remain for learning and reporting."),
        False,
        (),
    ),
)

BY_KEY = {phase.key: phase for phase in PHASES}

# The language the default texts are stored in, by the organisation's country.
LANGUAGE_BY_COUNTRY = {"NO": "nb", "SE": "sv"}
