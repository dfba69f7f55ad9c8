"""Routes of Ausbildungsplätze: the board, publishing, matches, interest, case suggestions."""

from __future__ import annotations

from flask_login import current_user
from flask_smorest import Blueprint

from app.core.api import problems
from app.core.policy import access, allow, everywhere
from app.vacancies import interest, matches, publishing, scopes, suggestions, views
from app.vacancies.schemas import (
    CaseMatchesSchema,
    InterestInputSchema,
    InterestSchema,
    MyMatchesSchema,
    OccupationSchema,
    SuggestionInputSchema,
    SuggestionSchema,
    VacancyCreateSchema,
    VacancyPageSchema,
    VacancyPatchSchema,
    VacancyQuerySchema,
    VacancySchema,
)
from app.verantwortungskette import scopes as chain_scopes

blp = Blueprint(
    "vacancies", __name__, url_prefix="/api/v1", description="Ausbildungsplätze and matching"
)

OWNERS = allow(
    "The publishing company's contact users and the Kommune's coordination change a vacancy",
    provider=scopes.vacancy_is_own,
    kommune_coordinator=scopes.vacancy_in_own_kommune,
    admin=scopes.vacancy_exists,
)
CASE_RECEIVER = allow(
    "Only the receiving coordinator of a case works with its matches",
    bk_coordinator=chain_scopes.case_handed_to_me,
    kommune_coordinator=chain_scopes.case_handed_to_me,
)


@blp.route("/vacancies", methods=["GET"])
@access(
    allow(
        "School users see the Kommune's live vacancies, companies their own, the Kommune all",
        pupil=everywhere,
        teacher=everywhere,
        stubo=everywhere,
        bk_coordinator=everywhere,
        kommune_coordinator=everywhere,
        provider=everywhere,
        admin=everywhere,
    )
)
@blp.arguments(VacancyQuerySchema, location="query")
@blp.response(200, VacancyPageSchema)
@problems(blp, 422)
def list_vacancies(query):
    """The Ausbildungsplatz board in the caller's scope, soonest start first."""
    return views.list_vacancies(current_user, **query)


@blp.route("/vacancies", methods=["POST"])
@access(
    allow(
        "A company publishes its own vacancies; the Kommune may enter one for its providers",
        provider=everywhere,
        kommune_coordinator=everywhere,
        admin=everywhere,
    )
)
@blp.arguments(VacancyCreateSchema)
@blp.response(201, VacancySchema)
@problems(blp, (409, "The account belongs to no company"), 422)
def create_vacancy(data):
    """Publish an Ausbildungsplatz (live once the Kommune has approved the company)."""
    return views.get_vacancy(current_user, publishing.create(current_user, data).id)


@blp.route("/occupations", methods=["GET"])
@access(
    allow(
        "Those who publish vacancies choose the occupation from the catalogue",
        provider=everywhere,
        kommune_coordinator=everywhere,
        admin=everywhere,
    )
)
@blp.response(200, OccupationSchema(many=True))
def list_occupations():
    """The occupations catalogue (skilled-worker level, KldB 2010 code, Berufsfeld)."""
    return views.occupations()


@blp.route("/vacancies/<int:vacancy_id>", methods=["GET"])
@access(
    allow(
        "Live vacancies of the own Kommune; the company and the Kommune also closed ones",
        pupil=scopes.vacancy_visible,
        teacher=scopes.vacancy_visible,
        stubo=scopes.vacancy_visible,
        bk_coordinator=scopes.vacancy_visible,
        provider=scopes.vacancy_is_own,
        kommune_coordinator=scopes.vacancy_in_own_kommune,
        admin=scopes.vacancy_exists,
    )
)
@blp.response(200, VacancySchema)
def get_vacancy(vacancy_id: int):
    """One vacancy; the company also sees its candidates who consented."""
    return views.get_vacancy(current_user, vacancy_id)


@blp.route("/vacancies/<int:vacancy_id>", methods=["PATCH"])
@access(OWNERS)
@blp.arguments(VacancyPatchSchema)
@blp.response(200, VacancySchema)
@problems(blp, (409, "Withdrawn, or imported (only its status may change)"), 422)
def update_vacancy(data, vacancy_id: int):
    """Change a vacancy, close it when filled (status filled) or reopen it."""
    publishing.update(current_user, vacancy_id, data)
    return views.get_vacancy(current_user, vacancy_id)


@blp.route("/vacancies/<int:vacancy_id>", methods=["DELETE"])
@access(OWNERS)
@blp.response(204)
def delete_vacancy(vacancy_id: int):
    """Withdraw a vacancy (kept for the interests and suggestions naming it)."""
    publishing.withdraw(current_user, vacancy_id)


@blp.route("/me/vacancy-matches", methods=["GET"])
@access(allow("A pupil's own matches", pupil=everywhere))
@blp.response(200, MyMatchesSchema)
def my_matches():
    """ "Ausbildungsplätze für dich": ranked matches, each with why it fits."""
    return matches.for_pupil(current_user)


@blp.route("/vacancies/<int:vacancy_id>/interest", methods=["POST"])
@access(allow("A pupil marks interest in a live vacancy", pupil=scopes.vacancy_visible))
@blp.arguments(InterestInputSchema)
@blp.response(200, InterestSchema)
@problems(blp, (403, "Under 14: a guardian's consent is needed"), 422)
def mark_interest(data, vacancy_id: int):
    """Mark (or withdraw) interest; with consent the company sees the pupil's name."""
    return interest.mark(current_user, vacancy_id, data)


@blp.route("/cases/<int:case_id>/vacancy-matches", methods=["GET"])
@access(CASE_RECEIVER)
@blp.response(200, CaseMatchesSchema)
@problems(blp, (410, "The consent was withdrawn; the case data are erased"))
def case_matches(case_id: int):
    """The case youth's matches and the vacancies suggested so far."""
    return matches.for_case(current_user, case_id)


@blp.route("/cases/<int:case_id>/vacancy-suggestions", methods=["POST"])
@access(CASE_RECEIVER)
@blp.arguments(SuggestionInputSchema)
@blp.response(200, SuggestionSchema)
@problems(
    blp,
    (410, "The consent was withdrawn; the case data are erased"),
    (422, "Vacancy not available in the case's Kommune, date in the future, option not open"),
)
def suggest_vacancy(data, case_id: int):
    """Suggest a vacancy (logged as a contact) or record its outcome: beworben, Einladung,
    Zusage, Absage — which becomes the youth's application."""
    return suggestions.suggest(current_user, case_id, data)
