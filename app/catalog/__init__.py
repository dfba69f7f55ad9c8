"""Reference catalogues (Berufsfelder, SBO elements, Anschluss options, occupations)."""
