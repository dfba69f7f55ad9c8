"""Name and address material for the demo region: common first names of children born in
Germany around 2008–2013 and surnames as they appear in a Ruhr-area school (German, Turkish,
Polish, Italian, Greek, Arabic, Russian/Ukrainian, Balkan, West African origins). All fictitious
combinations; any resemblance to real pupils is accidental.
"""

# fmt: off
FIRST_NAMES_M = (
    "Ben", "Paul", "Leon", "Finn", "Elias", "Jonas", "Luis", "Noah", "Felix", "Lukas",
    "Maximilian", "Henry", "Emil", "Julian", "Tim", "Niklas", "Moritz", "Jannik", "Tom", "David",
    "Can", "Emre", "Yusuf", "Mehmet", "Deniz", "Kerem", "Ömer", "Mustafa", "Ali", "Omar", "Karim",
    "Hamza", "Jakub", "Mateusz", "Kacper", "Luca", "Matteo", "Giorgos", "Nikolas", "Artem",
    "Maksim", "Dmitri", "Luka", "Marko", "Nemanja", "Kwame", "Samuel", "Jonathan", "Mika", "Anton",
    "Malte", "Jürgen-Ole", "Sören", "Björn", "Jörn",
)

FIRST_NAMES_W = (
    "Mia", "Emma", "Hannah", "Sophia", "Lea", "Lena", "Marie", "Emilia", "Lina", "Anna", "Laura",
    "Lara", "Clara", "Johanna", "Leonie", "Sarah", "Luisa", "Jana", "Nele", "Paula", "Elif",
    "Zeynep", "Ayşe", "Melek", "Defne", "Esra", "Merve", "Leyla", "Amira", "Yasmin", "Fatima",
    "Nour", "Zofia", "Julia", "Natalia", "Giulia", "Chiara", "Eleni", "Maria", "Anastasia",
    "Darja", "Alina", "Milica", "Ana", "Ama", "Grace", "Charlotte", "Frieda", "Jule", "Mila",
    "Greta", "Ida", "Maja", "Jördis", "Bärbel-Sophie",
)

# Names chosen by pupils who are neither m nor w (Geschlecht d): unisex forms.
FIRST_NAMES_D = (
    "Kim", "Alex", "Robin", "Charlie", "Noa", "Sascha", "Toni", "Luca",
)

SURNAMES = (
    "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz",
    "Hoffmann", "Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf", "Schröder", "Neumann",
    "Schwarz", "Zimmermann", "Braun", "Krüger", "Hofmann", "Hartmann", "Lange", "Schmitt",
    "Werner", "Krause", "Meier", "Lehmann", "Schmid", "Schulze", "Maier", "Köhler", "Herrmann",
    "König", "Walter", "Mayer", "Huber", "Kaiser", "Fuchs", "Peters", "Lang", "Scholz", "Möller",
    "Weiß", "Jung", "Hahn", "Vogel", "Friedrich", "Große-Brömmelkamp", "Wiesmann", "Schulte",
    "Kemper", "Brinkmann", "Tenhagen", "Overbeck", "Yılmaz", "Kaya", "Demir", "Şahin", "Çelik",
    "Yıldız", "Öztürk", "Aydın", "Arslan", "Doğan", "Kowalski", "Nowak", "Wiśniewski",
    "Lewandowski", "Kamiński", "Szymański", "Rossi", "Esposito", "Russo", "Ferrari",
    "Papadopoulos", "Georgiou", "Al-Hassan", "Haddad", "Khalil", "Mansour", "Saleh", "Ivanov",
    "Petrov", "Smirnov", "Kovalenko", "Shevchenko", "Jovanović", "Petrović", "Hodžić", "Mensah",
    "Owusu", "Diallo", "Nguyen", "van der Berg", "de Vries", "Schmitz", "Wallraf",
)

# Residential streets in Dortmund (real street names; house numbers are invented).
STREETS = (
    "Kreuzstraße", "Lindemannstraße", "Hohe Straße", "Saarlandstraße", "Märkische Straße",
    "Hamburger Straße", "Kaiserstraße", "Ostenhellweg", "Münsterstraße", "Mallinckrodtstraße",
    "Borsigplatz", "Oesterholzstraße", "Evinger Straße", "Bornstraße", "Heiliger Weg",
    "Gneisenaustraße", "Im Odemsloh", "Flughafenstraße", "Hannöversche Straße",
    "Kirchderner Straße", "Gleiwitzstraße", "Mackenrothweg", "Droote", "Buschei",
    "Rüschebrinkstraße", "Wambeler Hellweg", "Am Gottesacker", "Hörder Bahnhofstraße", "Faßstraße",
    "Benninghofer Straße",
)

# Fictitious companies of the demo Kommune offering Berufsfelderkundung and internships.
PROVIDERS = (
    {"name": "Elektrotechnik Kowalski GmbH", "street": "Gneisenaustraße 44", "postcode": "44147"},
    {"name": "Bäckerei Hoffmann & Söhne", "street": "Saarlandstraße 12", "postcode": "44139"},
    {"name": "Pflegedienst Sonnenhof gGmbH", "street": "Märkische Straße 120", "postcode": "44141"},
    {"name": "Phoenix IT-Systemhaus GmbH", "street": "Hörder Bahnhofstraße 6", "postcode": "44263"},
)

STAFF = {
    # username: (role, first name, last name, sex)
    "admin": ("admin", "Andrea", "Adler", "w"),
    "lehrer": ("teacher", "Thomas", "Lehmkuhl", "m"),
    "lehrer2": ("teacher", "Sabine", "Özdemir", "w"),
    "lehrer3": ("teacher", "Jan", "Brüggemann", "m"),
    "lehrer4": ("teacher", "Katarzyna", "Nowicka", "w"),
    "stubo": ("stubo", "Birgit", "Stuhldreher", "w"),
    "bk": ("bk_coordinator", "Markus", "Berghoff", "m"),
    "kommune": ("kommune_coordinator", "Nadine", "Kommer", "w"),
    "agentur": ("recipient_coordinator", "Stefan", "Arbeiter", "m"),
    "betrieb": ("provider", "Piotr", "Kowalski", "m"),
}
# fmt: on
