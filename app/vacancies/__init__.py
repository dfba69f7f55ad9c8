"""Ausbildungsplätze: vacancies of approved providers and imported from the Bundesagentur für
Arbeit, matched to leavers without a secured Anschluss and to open Verantwortungskette cases."""
