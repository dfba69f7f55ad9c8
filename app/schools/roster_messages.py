"""Messages of the roster import, German first and English second (one catalogue, so the
wording is reviewed in one place). Placeholders: column, value, limit, other, target."""

REASONS = {
    "required": ("{column} fehlt.", "{column} is missing."),
    "too_long": (
        "{column} ist zu lang (höchstens {limit} Zeichen).",
        "{column} is too long (at most {limit} characters).",
    ),
    "date": (
        "{column} „{value}“ ist kein Datum im Format TT.MM.JJJJ.",
        "{column} '{value}' is not a date in the format DD.MM.YYYY.",
    ),
    "implausible_date": (
        "{column} {value} ist für eine Schülerin oder einen Schüler unplausibel.",
        "{column} {value} is implausible for a pupil.",
    ),
    "duplicate": (
        "Die ID {value} steht schon in Zeile {other}.",
        "The id {value} already appears in row {other}.",
    ),
    "wrong_class": (
        "Klasse „{value}“ passt nicht zur Klasse {target} dieses Imports.",
        "Class '{value}' does not match class {target} of this import.",
    ),
    "sex": (
        "Geschlecht „{value}“ ist unbekannt (erlaubt: m, w, d, x).",
        "Sex '{value}' is unknown (allowed: m, w, d, x).",
    ),
    "postcode": ("PLZ „{value}“ hat nicht fünf Ziffern.", "Postcode '{value}' is not five digits."),
    "email": (
        "E-Mail „{value}“ ist keine gültige Adresse.",
        "E-mail '{value}' is not a valid address.",
    ),
    "staff_id": (
        "Die ID {value} gehört zu einem Konto, das keine Schülerin und kein Schüler ist.",
        "The id {value} belongs to an account that is not a pupil.",
    ),
    "not_in_reach": (
        "Die ID {value} gehört zu einer Schülerin oder einem Schüler außerhalb dieser Klasse. "
        "Einen Klassenwechsel nimmt die StuBO vor.",
        "The id {value} belongs to a pupil outside this class. "
        "The StuBO moves pupils between classes.",
    ),
    "foerderschwerpunkt": (
        "{column} „{value}“ ist kein Förderschwerpunkt (z. B. LE, ES, GG, Lernen, Sehen).",
        "{column} '{value}' is not a special needs focus (e.g. LE, ES, GG, Lernen, Sehen).",
    ),
    "attendance_year": (
        "{column} „{value}“ ist kein Schulbesuchsjahr (eine Zahl von 1 bis 20).",
        "{column} '{value}' is no school year of attendance (a number from 1 to 20).",
    ),
    "entry_year": (
        "{column} „{value}“ ist kein plausibles Einschulungsjahr.",
        "{column} '{value}' is no plausible year of school entry.",
    ),
}
