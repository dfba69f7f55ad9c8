"""The i18n keys the PWA builds at run time, documented: each pattern the JavaScript uses
(`*` stands for the value filled in), and the values it can take — read from where they are
defined, so that a new value without a text fails the catalogue test:

- `check(table, column)`: the values a model's CHECK (column IN (…)) constraint allows,
- `py(name)`: a tuple/list/set constant of that name in app/ (wherever the module lives),
- `py_enum(name)`: the values of a StrEnum in app/,
- `audit_actions()`: the actions audit.record() is called with anywhere in app/,
- `js(file, name)`: a constant array (or the strings of an object) in a module of frontend/js,
- `js_matches(file, regex)`: the strings a regular expression finds in a module.

OPTIONAL patterns are looked up with hasKey() first and have a fallback (the problem texts:
errorText falls back to the server's detail); only their de/en parity is checked, plus the
values they must have.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "app"
JS = ROOT / "frontend" / "js"


def _python_modules():
    for path in sorted(APP.rglob("*.py")):
        yield path, ast.parse(path.read_text(encoding="utf-8"))


def _strings(node: ast.AST) -> set[str]:
    return {
        n.value for n in ast.walk(node) if isinstance(n, ast.Constant) and isinstance(n.value, str)
    }


def _targets(node: ast.Assign | ast.AnnAssign) -> list[ast.expr]:
    return node.targets if isinstance(node, ast.Assign) else [node.target]


def py(name: str) -> Callable[[object], set[str]]:
    def values(_metadata) -> set[str]:
        found = [
            _strings(node.value)
            for _, tree in _python_modules()
            for node in tree.body
            if isinstance(node, ast.Assign | ast.AnnAssign)
            and any(getattr(t, "id", None) == name for t in _targets(node))
        ]
        assert found, f"no constant {name} in app/"
        return set().union(*found)

    return values


def py_enum(name: str) -> Callable[[object], set[str]]:
    def values(_metadata) -> set[str]:
        for _, tree in _python_modules():
            for node in tree.body:
                if isinstance(node, ast.ClassDef) and node.name == name:
                    return {
                        s
                        for item in node.body
                        if isinstance(item, ast.Assign)
                        for s in _strings(item.value)
                    }
        raise AssertionError(f"no enum {name} in app/")

    return values


def audit_actions() -> Callable[[object], set[str]]:
    """The `action` of every audit.record(actor, action, …) call; an action passed through a
    helper's parameter is read from the helper's callers in the same module."""

    def values(_metadata) -> set[str]:
        actions: set[str] = set()
        for path, tree in _python_modules():
            for func in [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)]:
                for call in [n for n in ast.walk(func) if _is_call(n, "audit", "record")]:
                    action = call.args[1] if len(call.args) > 1 else None
                    if isinstance(action, ast.Constant):
                        actions.add(action.value)
                    elif isinstance(action, ast.Name) and action.id in [
                        a.arg for a in func.args.args
                    ]:
                        position = [a.arg for a in func.args.args].index(action.id)
                        actions |= _literal_arguments(tree, func.name, position)
                    else:
                        raise AssertionError(f"{path}: audit action {ast.unparse(action)} unknown")
        return actions

    return values


def _is_call(node: ast.AST, owner: str, name: str) -> bool:
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == name
        and getattr(node.func.value, "id", None) == owner
    )


def _literal_arguments(tree: ast.AST, function: str, position: int) -> set[str]:
    calls = [
        n
        for n in ast.walk(tree)
        if isinstance(n, ast.Call) and getattr(n.func, "id", None) == function
    ]
    return {c.args[position].value for c in calls if isinstance(c.args[position], ast.Constant)}


def check(table: str, column: str) -> Callable[[object], set[str]]:
    def values(metadata) -> set[str]:
        for constraint in metadata.tables[table].constraints:
            sqltext = getattr(constraint, "sqltext", None)
            sql = "" if sqltext is None else str(sqltext)
            found = re.match(rf"^\s*{column} IN \((.*)\)\s*$", sql, re.S)
            if found:
                return set(re.findall(r"'([^']*)'", found.group(1)))
        raise AssertionError(f"no CHECK ({column} IN …) on {table}")

    return values


def js(file: str, name: str) -> Callable[[object], set[str]]:
    def values(_metadata) -> set[str]:
        source = (JS / file).read_text(encoding="utf-8")
        start = re.search(rf"\bconst {name} = ([\[{{])", source)
        assert start, f"no constant {name} in {file}"
        closing = "]" if start.group(1) == "[" else "}"
        body = source[
            start.end() : source.index(f"\n{closing}" if closing == "}" else closing, start.end())
        ]
        return set(re.findall(r"'([^']*)'", body))

    return values


def js_matches(file: str, regex: str) -> Callable[[object], set[str]]:
    def values(_metadata) -> set[str]:
        return set(re.findall(regex, (JS / file).read_text(encoding="utf-8")))

    return values


def step_kinds(_metadata) -> set[str]:
    from app.portfolio import plan

    return set(plan.KIND_BY_ELEMENT.values())


def union(
    *sources: Callable[[object], set[str]], extra: tuple[str, ...] = ()
) -> Callable[[object], set[str]]:
    return lambda metadata: set(extra).union(*(source(metadata) for source in sources))


# pattern → where its values come from
DYNAMIC_KEYS: dict[str, Callable[[object], set[str]]] = {
    "allocation.status.*": check("allocation_rounds", "status"),
    "anschluss.status.*": check("anschluesse", "status"),
    "anschluss.case_status.*": check("vk_cases", "status"),
    "anschluss.evidence.*": union(check("anschluesse", "evidence"), extra=("",)),  # '' = none
    # the traffic light of the cohort rows (schemas_cohort: OneOf green, yellow, red)
    "anschluss.light.*": lambda _: {"green", "yellow", "red"},
    "anschluss.reason.*": py("RISK_REASONS"),
    "anschluss.owner.*": check("anschluss_next_steps", "owner"),
    "anschluss.me.news_*": js("screens/anschluss-me.js", "NEWS"),
    "anschluss.leavers.sort_*": js("screens/leavers.js", "SORTS"),
    "anschluss.leavers.export_*": js_matches("screens/leavers.js", r"download\('(\w+)'\)"),
    "app.a11y.*.heading": js("screens/accessibility.js", "SECTIONS"),
    "app.a11y.*.text": js("screens/accessibility.js", "SECTIONS"),
    "app.home.role_intro.*": check("users", "role"),
    "app.home.todo.*.one": py("TODO_COUNTS"),
    "app.home.todo.*.other": py("TODO_COUNTS"),
    "app.home.todo.*.column": py("TODO_COUNTS"),
    "app.home.tiles.*.title": js_matches("screens/home.js", r"key: '(\w+)'"),
    "app.home.tiles.*.text": js_matches("screens/home.js", r"key: '(\w+)'"),
    "app.import.*_caption": js_matches("screens/roster-import.js", r"(?m)^  (\w+): \["),
    "app.import.col_*": js("screens/roster-import.js", "COLUMNS"),
    # the report's `changes`: the compared fields and "class" (schools/roster_plan.py)
    "app.import.change_*": union(py("PERSON_FIELDS"), py("MEMBERSHIP_FIELDS"), extra=("class",)),
    "chain.status.*": check("vk_cases", "status"),
    "chain.anschluss_status.*": check("anschluesse", "status"),
    "chain.declaration.plan_*": py("PLANS"),
    "anschluss.declaration.plan_*": py("PLANS"),
    "anschluss.schooling.leaving_*": union(extra=("auto", "yes", "no")),
    "app.class.course_*": union(js("screens/class.js", "COURSE_TYPES"), extra=("unset",)),
    "anschluss.schooling.exam_*": union(py("EXAMS"), extra=("none",)),
    "chain.channel.*": check("vk_case_contacts", "channel"),
    "chain.outcome.*": check("vk_case_contacts", "outcome"),
    "chain.given_by.*": check("handover_consents", "given_by"),
    "chain.sex.*": lambda _: {"m", "w", "d", "x"},  # what roster_csv.SEX_VALUES stores
    "chain.fields.*": union(py("CASE_FIELDS"), py("STATUTORY_FIELDS"), py("OPTIONAL_CATEGORIES")),
    "chain.recipient_kind.*": check("recipients", "kind"),
    # cases-common.js consentText(): one text per consent version (verantwortungskette/common.py)
    "chain.consent_text.*": lambda _: {"vk-2026-1", "vk-2026-2"},
    "chain.disclosures.action.*": audit_actions(),
    "chain.disclosures.purpose.*": py_enum("Purpose"),
    # disclosures.js: the actor's role, "system" for jobs without a person
    "chain.disclosures.role.*": union(check("users", "role"), extra=("system",)),
    "casemsg.template.*": js("screens/case-messages.js", "TEMPLATES"),
    "guardian.step_status.*": check("portfolio_steps", "status"),
    "guardian.booking_status.*": py("GUARDIAN_BOOKING_STATES"),
    "guardian.pupil.action.*": py("LINK_ACTIONS"),
    "guardian.pupil.share_*": js("screens/disclosures-guardian.js", "SECTIONS"),
    "interests.types.*.name": js("screens/interests-common.js", "TYPES"),
    "interests.types.*.text": js("screens/interests-common.js", "TYPES"),
    "internships.fields.*": check("bookings", "berufsfeld"),
    "internships.kinds.*": check("offers", "kind"),
    "internships.provider.state_explained.*": js("screens/provider-offer.js", "PARTICIPANT_STATES"),
    "internships.class.filter_*": js("screens/internships-class.js", "FILTERS"),
    "internships.class.empty_*": js("screens/internships-class.js", "FILTERS"),
    "internships.status.*": check("bookings", "status"),
    "internships.provider.status.*": check("offers", "status"),
    # offers.py answers sorted_by "fit" (the pupil's interest profile is known) or "date"
    "internships.offers.sorted_*": lambda _: {"fit", "date"},
    "occupations.certificate.*": union(
        js("screens/occupation.js", "CERTIFICATE_LEVELS"), extra=("unknown",)
    ),
    "portfolio.status.*": check("portfolio_steps", "status"),
    # placements.js: a placement's status and kind, the target groups, the Förderschwerpunkte
    "placements.status.*": check("placements", "status"),
    "placements.kinds.*": check("placements", "kind"),
    "placements.groups.*": py("TARGET_GROUPS"),
    "placements.foerderschwerpunkte.*": py("FOERDERSCHWERPUNKTE"),
    "portfolio.berufsfelder.*": check("bookings", "berufsfeld"),
    # portfolio.js shows a step's confirmed or attended booking
    "portfolio.booking.*": lambda _: {"confirmed", "attended"},
    # the step kinds of the KAoA plan; "other" for an element the plan does not know
    "portfolio.kinds.*": union(step_kinds, extra=("other",)),
    # portfolio-common.js: the plain-language title of an element, if there is one (else kind)
    "portfolio.plain.*": lambda _: {"SBO_6_1", "SBO_5_1", "SBO_9_2"},
    "transition.application_status.*": check("anschluss_applications", "status"),
    "transition.applications.kind_*": check("anschluss_applications", "target_kind"),
    # an application's arrival, "open" while nothing is reported
    "transition.arrival.*": union(check("anschluss_applications", "arrival"), extra=("open",)),
    # a record's closing reason, "open" for "do not close" in the status form
    "transition.close.reason.*": union(check("anschluesse", "closed_reason"), extra=("open",)),
    "transition.duty.*": py("DUTY_STATUSES"),
    "transition.duty.reason.*": py("REASON_CODES"),
    "transition.export.*": js_matches("screens/transition.js", r"download\('(\w+)'"),
    # registration-import.js names the delimiter the server detected (; , or tab)
    "transition.import.delimiter.*": lambda _: {"semicolon", "comma", "tab"},
    "transition.import.field.*": js("screens/registration-import.js", "FIELDS"),
    "transition.import.unmatched_*": py("UNMATCHED_REASONS"),
    "vacancies.certificate.*": py("CERTIFICATE_KEYS"),
    "vacancies.reason.*": py("REASON_KINDS"),
    "vacancies.reason_staff.*": py("REASON_KINDS"),
    "vacancies.status.*": check("vacancies", "status"),
    "vacancies.outcome.*": check("vacancy_suggestions", "outcome"),
    # the client's own code (api.js): a network failure has no server detail to fall back on
    "problems.*": js_matches("api.js", r"export const OFFLINE = '([\w-]+)'"),
}

OPTIONAL = {"problems.*", "portfolio.plain.*"}
