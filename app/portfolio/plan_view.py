"""The KAoA plan as the API shows it: per school form, Jahrgang and target group, each step
mandatory or optional, with the mandatory steps of earlier Jahrgänge that are still due."""

from __future__ import annotations

from app.core.errors import Invalid
from app.portfolio import plan
from app.portfolio.services import element_texts


def _step(step: plan.PlannedStep, texts: dict[str, str]) -> dict:
    return {
        "jahrgang": step.jahrgang,
        "sbo_kuerzel": step.sbo_kuerzel,
        "sequence": step.sequence,
        "kind": step.kind,
        "mandatory": step.mandatory,
        "alternatives": list(step.alternatives),
        "official_text": texts.get(step.sbo_kuerzel, ""),
    }


def plan_for(query: dict, kommune=None) -> dict:
    """The plan for the query's school form, Jahrgang and target group; the Kommune's choices
    (Praxiselemente window, Girls'/Boys' Day) where the asker belongs to one."""
    schulform, jahrgang = query["schulform"], query["jahrgang"]
    if not plan.offers(schulform, jahrgang) or schulform == "G":
        raise Invalid("kaoa-plan-not-offered", field="jahrgang", jahrgang=jahrgang)
    group = query.get("target_group") or "regular"
    profile = plan.Profile(
        schulform=schulform,
        groups=frozenset() if group == "regular" else frozenset({group}),
        foerderschwerpunkt=query.get("foerderschwerpunkt"),
        praxiselemente_window=query.get("praxiselemente_window")
        or (kommune.praxiselemente_window if kommune else "EF_Q1"),
        girls_boys_day=bool(kommune and kommune.girls_boys_day_counts),
    )
    steps = plan.steps_for(jahrgang, profile)
    earlier = [s for s in plan.due_by(jahrgang, profile) if s.jahrgang != jahrgang]
    texts = element_texts({s.sbo_kuerzel for s in (*steps, *earlier)})
    return {
        "schulform": schulform,
        "jahrgang": jahrgang,
        "target_group": group,
        "target_groups": sorted(profile.effective_groups()),
        "praxiselemente_window": profile.praxiselemente_window,
        "steps": [_step(s, texts) for s in steps],
        "due_from_earlier": [_step(s, texts) for s in earlier],
    }
