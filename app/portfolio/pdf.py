"""The PDF "Mein Berufswahlpass": the pupil's export as a printable A4 document (fpdf2)."""

from __future__ import annotations

from pathlib import Path

from fpdf import FPDF

from app.core.i18n import format_value
from app.interests.catalog import TYPES, field_weights, questionnaire
from app.portfolio.pdf_labels import LABELS


def _field_name(kuerzel: str) -> str:
    """A Berufsfeld by its name ("Dienstleistung"), never its code ("D")."""
    return next((f.text for f in field_weights() if f.kuerzel == kuerzel), kuerzel)


# A Unicode font keeps names like "Yılmaz" intact; core Helvetica is Latin-1 only.
UNICODE_FONTS = (
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
)


class _Pass(FPDF):
    def __init__(self, title: str):
        super().__init__(format="A4")
        self.set_auto_page_break(auto=True, margin=15)
        self.set_title(title)
        self.set_creator("Anschluss")
        self.unicode = all(path.exists() for path in UNICODE_FONTS)
        if self.unicode:
            self.add_font("Body", "", str(UNICODE_FONTS[0]))
            self.add_font("Body", "B", str(UNICODE_FONTS[1]))
        self.body_family = "Body" if self.unicode else "Helvetica"

    def clean(self, value) -> str:
        value = "" if value is None else str(value)
        return value if self.unicode else value.encode("latin-1", "replace").decode("latin-1")

    def heading(self, value: str, size: int = 13) -> None:
        self.ln(2)
        self.set_font(self.body_family, "B", size)
        self.multi_cell(0, 7, self.clean(value), new_x="LMARGIN", new_y="NEXT")

    def text_line(self, value: str, size: int = 10, bold: bool = False) -> None:
        self.set_font(self.body_family, "B" if bold else "", size)
        self.multi_cell(0, 5.5, self.clean(value), new_x="LMARGIN", new_y="NEXT")

    def bar(self, label: str, value: int) -> None:
        """One score as a labelled bar (print-friendly, the number is printed as well)."""
        self.set_font(self.body_family, "", 10)
        y = self.get_y()
        self.cell(70, 6, self.clean(label))
        self.set_fill_color(11, 83, 148)
        self.rect(self.l_margin + 72, y + 1.2, max(value, 0.5) * 0.8, 3.6, style="F")
        self.set_x(self.l_margin + 72 + 82)
        self.cell(0, 6, str(value), new_x="LMARGIN", new_y="NEXT")


def _profile_section(pdf: _Pass, profile: dict, words: dict, lang: str) -> None:
    types = questionnaire()["types"]
    created = format_value(profile["created_at"].date(), lang)
    pdf.heading(words["profile_of"].format(date=created), 11)
    for letter in TYPES:
        pdf.bar(f"{letter} – {types[letter][lang]}", profile["scores"][letter])
    pdf.text_line(f"{words['code']}: {profile['code']}", bold=True)
    for group in profile["ties"]:
        pdf.text_line(words["tie"].format(types=words["and"].join(group)))
    pdf.text_line(words["fields"], bold=True)
    for field in profile["berufsfelder"][:3]:
        pdf.text_line(f"• {field['text']} ({field['score']}) – {field['reason_' + lang]}")
    if profile["explore"]:
        pdf.text_line(words["explore"], bold=True)
        pdf.text_line(", ".join(field["text"] for field in profile["explore"]))
    pdf.text_line(words["occupations"], bold=True)
    for occupation in profile["occupations"]:
        why = words["why"].format(types=occupation["shared_types"] or "–")
        pdf.text_line(f"• {occupation['title']} – {why}")


def _step_section(pdf: _Pass, step: dict, words: dict, lang: str) -> None:
    title = words["kinds"].get(step["kind"], step["official_text"])
    if step["kind"] == "field_day":
        title = f"{title} {step['sequence']}"
    where = f"{words['grade']} {step['jahrgang']}"  # the step's name, not its SBO number
    pdf.text_line(f"{title} ({where})", bold=True)
    details = [words["status"][step["status"]]]
    if step["date"]:
        details.append(format_value(step["date"], lang))
    if step["provider"]:
        details.append(step["provider"])
    if step["berufsfeld"]:
        details.append(_field_name(step["berufsfeld"]))
    pdf.text_line(" · ".join(details))
    if step["reflection"]:
        pdf.text_line(f"{words['reflection']}: {step['reflection']}")


def render_pass(data: dict, lang: str = "de") -> bytes:
    """The export document as PDF bytes."""
    words = LABELS[lang]
    pdf = _Pass(words["title"])
    pdf.add_page()
    pdf.heading(words["title"], 18)
    person = data["pupil"]
    pdf.text_line(f"{person['first_name']} {person['last_name']}".strip(), 12, bold=True)
    place = ", ".join(v for v in (person["school"], person["class_name"]) if v)
    if place:
        pdf.text_line(place)
    pdf.text_line(words["intro"], 9)
    pdf.heading(words["profiles"])
    if not data["interest_profiles"]:
        pdf.text_line(words["none"])
    for profile in data["interest_profiles"][:3]:
        _profile_section(pdf, profile, words, lang)
    pdf.text_line(words["not_diagnosis"], 9)
    pdf.heading(words["steps"])
    if not data["steps"]:
        pdf.text_line(words["none"])
    for step in data["steps"]:
        _step_section(pdf, step, words, lang)
    pdf.heading(words["sources"], 10)
    pdf.text_line(data["attributions"]["questionnaire"][lang], 8)
    pdf.text_line(data["attributions"]["occupations"][lang], 8)
    return bytes(pdf.output())
